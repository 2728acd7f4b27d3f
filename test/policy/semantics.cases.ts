import * as P from '@rampart/policy';
import { ref, RuleCase, tf } from './fixtures';

// Fixture pairs for the semantics of issue 14 point 4: each pair differs only in the point judged.

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ECS_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
const ADMIN = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const READ = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
const publicRead = (condition?: object) =>
  doc([{ Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...(condition ? { Condition: condition } : {}) }]);
const LB = { load_balancer_type: 'application', drop_invalid_header_fields: true, enable_deletion_protection: true };
const REDIRECT = [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }];
const GHE = 'token.actions.githubusercontent.com/acme';
const gheTrust = (subTest: string) =>
  doc([
    {
      Sid: 'GitHubEnterprise',
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${GHE}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition:
        subTest === 'StringEquals'
          ? { StringEquals: { [`${GHE}:aud`]: 'sts.amazonaws.com', [`${GHE}:sub`]: 'repo:acme/app:environment:prod' } }
          : { StringEquals: { [`${GHE}:aud`]: 'sts.amazonaws.com' }, [subTest]: { [`${GHE}:sub`]: 'repo:acme/app:environment:prod' } },
    },
  ]);
const keyPolicy = (condition: object) =>
  doc([
    { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
    { Sid: 'ViaS3', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*', Condition: condition },
  ]);

export const SEMANTICS_CASES: RuleCase[] = [
  {
    // a customer-managed policy that nothing attaches grants nothing
    rule: P.iamNoAdminWildcard,
    compliant: tf({
      aws_iam_policy: { unused: { policy: ADMIN }, read: { policy: READ } },
      aws_iam_role: { app: { assume_role_policy: ECS_TRUST } },
      aws_iam_role_policy_attachment: { read: { role: '${aws_iam_role.app.name}', policy_arn: ref('aws_iam_policy.read', 'arn') } },
    }),
    nonCompliant: tf({
      aws_iam_policy: { unused: { policy: ADMIN }, read: { policy: READ } },
      aws_iam_role: { app: { assume_role_policy: ECS_TRUST } },
      aws_iam_role_policy_attachment: {
        read: { role: '${aws_iam_role.app.name}', policy_arn: ref('aws_iam_policy.read', 'arn') },
        admin: { role: '${aws_iam_role.app.name}', policy_arn: ref('aws_iam_policy.unused', 'arn') },
      },
    }),
    expected: ['aws_iam_policy.unused#policy'],
  },
  {
    // the inline aws_s3_bucket.policy is read like aws_s3_bucket_policy; conditions count only when they restrict the principal
    rule: P.s3NoPublicPolicy,
    compliant: tf({
      aws_s3_bucket: { inline: { bucket: 'inline', policy: publicRead({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } }) }, plain: { bucket: 'plain' } },
      aws_s3_bucket_policy: {
        vpce: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }) },
        office: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/48'] } }) },
      },
    }),
    nonCompliant: tf({
      aws_s3_bucket: { inline: { bucket: 'inline', policy: publicRead() }, plain: { bucket: 'plain' } },
      aws_s3_bucket_policy: {
        anyAccount: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }) },
        tlsOnly: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ Bool: { 'aws:SecureTransport': 'true' } }) },
        notOrg: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } }) },
        anyIp: { bucket: ref('aws_s3_bucket.plain'), policy: publicRead({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }) },
      },
    }),
    expected: ['aws_s3_bucket.inline#Read', 'aws_s3_bucket_policy.anyAccount#Read', 'aws_s3_bucket_policy.anyIp#Read', 'aws_s3_bucket_policy.notOrg#Read', 'aws_s3_bucket_policy.tlsOnly#Read'],
  },
  {
    // a wildcard account ARN in a condition does not narrow a trust to principal "*"
    rule: P.iamNoPublicTrust,
    compliant: tf({
      aws_iam_role: {
        org: { assume_role_policy: doc([{ Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }]) },
      },
    }),
    nonCompliant: tf({
      aws_iam_role: {
        anyAccount: {
          assume_role_policy: doc([{ Sid: 'Any', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deployer' } } }]),
        },
      },
    }),
    expected: ['aws_iam_role.anyAccount#Any'],
  },
  {
    // conditions that pin the caller account or the calling service make a key-policy statement non-public
    rule: P.kmsNoPublicKeyAccess,
    compliant: tf({
      aws_kms_key: {
        s3: { policy: keyPolicy({ StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } }) },
        account: { policy: keyPolicy({ StringEquals: { 'kms:CallerAccount': '${data.aws_caller_identity.current.account_id}' } }) },
      },
    }),
    nonCompliant: tf({
      aws_kms_key: {
        s3: { policy: keyPolicy({ StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } }) },
        anyCaller: { policy: keyPolicy({ StringLike: { 'kms:CallerAccount': '*' } }) },
        notAnAccount: { policy: keyPolicy({ StringEquals: { 'kms:CallerAccount': '1' } }) },
        encryptedOnly: { policy: keyPolicy({ Null: { 'kms:EncryptionContext:app': 'false' } }) },
      },
    }),
    expected: ['aws_kms_key.anyCaller#ViaS3', 'aws_kms_key.encryptedOnly#ViaS3', 'aws_kms_key.notAnAccount#ViaS3'],
  },
  {
    // access_logs with a bucket but no enabled = true writes nothing (the provider default is false)
    rule: P.elbAccessLogs,
    compliant: tf({ aws_lb: { web: { ...LB, access_logs: { bucket: 'logs', enabled: true } } } }),
    nonCompliant: tf({ aws_lb: { web: { ...LB, access_logs: { bucket: 'logs', enabled: true } }, silent: { ...LB, access_logs: { bucket: 'logs', prefix: 'silent' } } } }),
    expected: ['aws_lb.silent'],
  },
  {
    // a listener without protocol is HTTP
    rule: P.elbHttpRedirectsToHttps,
    compliant: tf({ aws_lb_listener: { implicit: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, default_action: REDIRECT } } }),
    nonCompliant: tf({
      aws_lb_listener: {
        implicit: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, default_action: REDIRECT },
        forward: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 8080, default_action: [{ type: 'forward', target_group_arn: 'tg' }] },
      },
    }),
    expected: ['aws_lb_listener.forward'],
  },
  {
    // the default security group opened through separate rule resources
    rule: P.vpcDefaultSecurityGroupClosed,
    compliant: tf({
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_default_security_group: { d: { vpc_id: ref('aws_vpc.main') } },
      aws_security_group: { app: { name: 'app', vpc_id: ref('aws_vpc.main') } },
      aws_security_group_rule: { app: { type: 'ingress', security_group_id: ref('aws_security_group.app'), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] } },
    }),
    nonCompliant: tf({
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_default_security_group: { d: { vpc_id: ref('aws_vpc.main') } },
      aws_security_group: { app: { name: 'app', vpc_id: ref('aws_vpc.main') } },
      aws_security_group_rule: {
        app: { type: 'ingress', security_group_id: ref('aws_security_group.app'), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] },
        opened: { type: 'ingress', security_group_id: ref('aws_default_security_group.d'), protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/16'] },
      },
      aws_vpc_security_group_egress_rule: { viaVpc: { security_group_id: ref('aws_vpc.main', 'default_security_group_id'), ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' } },
    }),
    expected: ['aws_security_group_rule.opened', 'aws_vpc_security_group_egress_rule.viaVpc'],
  },
  {
    // TCP or UDP on every port to the internet is as open as protocol -1
    rule: P.sgNoUnrestrictedEgress,
    compliant: tf({
      aws_security_group: { app: { name: 'app', vpc_id: 'vpc-1', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_vpc_security_group_egress_rule: { db: { security_group_id: ref('aws_security_group.app'), ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.0.0.0/16' } },
    }),
    nonCompliant: tf({
      aws_security_group: { app: { name: 'app', vpc_id: 'vpc-1', egress: [{ protocol: 'tcp', from_port: 0, to_port: 65535, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_vpc_security_group_egress_rule: {
        db: { security_group_id: ref('aws_security_group.app'), ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.0.0.0/16' },
        v6: { security_group_id: ref('aws_security_group.app'), ip_protocol: '6', from_port: 0, to_port: 65535, cidr_ipv6: '::/0' },
      },
      aws_security_group_rule: { udp: { type: 'egress', security_group_id: ref('aws_security_group.app'), protocol: 'udp', from_port: 0, to_port: 65535, cidr_blocks: ['0.0.0.0/0'] } },
    }),
    expected: ['aws_security_group.app#egress[0]', 'aws_security_group_rule.udp#egress', 'aws_vpc_security_group_egress_rule.v6#egress'],
  },
  {
    // an allow entry spanning 3389 from the internet is a finding even behind a lower-numbered deny (EC2.21 ignores rule order)
    rule: P.naclNoPublicAdminPorts,
    compliant: tf({
      aws_network_acl: {
        public: {
          vpc_id: 'x',
          ingress: [
            { rule_no: 50, action: 'deny', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 3389, to_port: 3389 },
            { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 3388 },
            { rule_no: 110, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 3390, to_port: 65535 },
          ],
        },
      },
    }),
    nonCompliant: tf({
      aws_network_acl: {
        public: {
          vpc_id: 'x',
          ingress: [
            { rule_no: 50, action: 'deny', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 3389, to_port: 3389 },
            { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 65535 },
          ],
        },
      },
    }),
    expected: ['aws_network_acl.public#ingress[1]'],
  },
  {
    // GitHub Enterprise issuers (token.actions.githubusercontent.com/<enterprise>) get GitHub's subject rules
    rule: P.iamOidcTrustPinned,
    compliant: tf({ aws_iam_role: { deploy: { assume_role_policy: gheTrust('StringEquals') } } }),
    nonCompliant: tf({ aws_iam_role: { deploy: { assume_role_policy: gheTrust('StringEquals') }, loose: { assume_role_policy: gheTrust('StringLike') } } }),
    expected: ['aws_iam_role.loose#GitHubEnterprise'],
  },
];
