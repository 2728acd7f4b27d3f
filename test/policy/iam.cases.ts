import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ECS_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
const BOUNDARY = 'arn:aws:iam::111111111111:policy/rampart-boundary';
const GH = 'token.actions.githubusercontent.com';
const ghTrust = (condition: object, sid = 'GitHub') =>
  doc([{ Sid: sid, Effect: 'Allow', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]);
const SSO_TRUST = doc([
  {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    Action: 'sts:AssumeRole',
    Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Developer_*'] } },
  },
]);
const MFA_TRUST = doc([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:role/ops'] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]);
const EKS = 'oidc.eks.eu-central-1.amazonaws.com/id/ABCDEF0123456789';
const eksTrust = (condition: object, sid = 'Eks') =>
  doc([{ Sid: sid, Effect: 'Allow', Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${EKS}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]);
const OIDC = { aws_iam_openid_connect_provider: { github: { url: `https://${GH}`, client_id_list: ['sts.amazonaws.com'] } } };
const CROSS_ACCOUNT_TRUST = doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' }]);
const MIXED_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com', AWS: 'arn:aws:iam::222222222222:role/ops' }, Action: 'sts:AssumeRole' }]);

export const IAM_CASES: RuleCase[] = [
  {
    rule: P.iamNoUsers,
    compliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST } } }),
    nonCompliant: tf({ aws_iam_user: { bob: { name: 'bob' } }, aws_iam_user_login_profile: { bob: { user: '${aws_iam_user.bob.name}' } }, aws_iam_role: { app: { assume_role_policy: ECS_TRUST } } }),
    expected: ['aws_iam_user.bob', 'aws_iam_user_login_profile.bob'],
  },
  {
    rule: P.iamNoAccessKeys,
    compliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST } } }),
    nonCompliant: tf({ aws_iam_access_key: { ci: { user: 'ci' } } }),
    expected: ['aws_iam_access_key.ci'],
  },
  {
    rule: P.iamNoAdminWildcard,
    compliant: tf(
      {
        aws_iam_policy: {
          read: {
            policy: doc([
              { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
              { Effect: 'Deny', Action: '*', Resource: '*' },
            ]),
          },
        },
        aws_iam_role_policy: { doc: { role: 'r', policy: '${data.aws_iam_policy_document.ok.json}' } },
      },
      { data: { aws_iam_policy_document: { ok: { statement: [{ actions: ['ssm:GetParameters'], resources: ['*'] }] } } } },
    ),
    nonCompliant: tf(
      {
        aws_iam_policy: {
          admin: { policy: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
          boundary: {
            policy: doc([
              { Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
            ]),
          },
        },
        aws_iam_role_policy_attachment: { admin: { role: 'r', policy_arn: '${aws_iam_policy.admin.arn}' } },
        aws_iam_role: {
          bounded: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' },
          inline: { assume_role_policy: ECS_TRUST, inline_policy: [{ name: 'everything', policy: doc([{ Effect: 'Allow', Action: '*:*', Resource: ['*'] }]) }] },
        },
        aws_iam_role_policy: {
          viaDoc: { role: 'r', policy: '${data.aws_iam_policy_document.star.json}' },
          scoped: { role: 'r', policy: doc([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }]) },
        },
      },
      { data: { aws_iam_policy_document: { star: { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] } } } },
    ),
    expected: ['aws_iam_policy.admin#policy', 'aws_iam_role.inline#inline_policy.everything', 'aws_iam_role_policy.viaDoc#policy'],
  },
  {
    rule: P.iamPolicyReadable,
    compliant: tf({
      aws_iam_policy: { a: { policy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }]) } },
      aws_iam_role: { r: { assume_role_policy: ECS_TRUST } },
    }),
    nonCompliant: tf({ aws_iam_policy: { hcl: { policy: '${jsonencode({Statement = []})}' } }, aws_iam_role: { r: { assume_role_policy: '${jsonencode({})}' } } }),
    expected: ['aws_iam_policy.hcl#policy', 'aws_iam_role.r#assume_role_policy'],
  },
  {
    rule: P.iamNoAdminManagedPolicy,
    compliant: tf({ aws_iam_role_policy_attachment: { ro: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } }),
    nonCompliant: tf({
      aws_iam_role_policy_attachment: { admin: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, ro: { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
      aws_iam_role: { managed: { assume_role_policy: ECS_TRUST, managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
      aws_iam_group_policy_attachment: { g: { group: 'g', policy_arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' } },
    }),
    expected: ['aws_iam_group_policy_attachment.g#AdministratorAccess', 'aws_iam_role.managed#AdministratorAccess', 'aws_iam_role_policy_attachment.admin#AdministratorAccess'],
  },
  {
    rule: P.iamRolePermissionsBoundary,
    compliant: tf({
      aws_iam_role: { app: { assume_role_policy: ECS_TRUST, permissions_boundary: BOUNDARY }, tok: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' } },
    }),
    nonCompliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST, permissions_boundary: BOUNDARY }, loose: { assume_role_policy: ECS_TRUST } } }),
    expected: ['aws_iam_role.loose'],
  },
  {
    // A stack with its own boundary policy (marked in its `//` comment): roles must carry that one,
    // by reference or by its ARN; a role under a boundary opt-out carried in the JSON is waived.
    rule: P.iamRolePermissionsBoundary,
    compliant: tf({
      aws_iam_policy: { boundary: { '//': { rampart_permission_boundary: true }, name: 'acme-dev-permission-boundary', policy: '{}' } },
      aws_iam_role: {
        byref: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' },
        byarn: { assume_role_policy: ECS_TRUST, permissions_boundary: 'arn:aws:iam::111111111111:policy/acme-dev-permission-boundary' },
        exempt: { '//': { rampart_opt_outs: [{ id: 'identity.permission-boundary', path: 'dev/break-glass', reason: 'break-glass administrator of last resort' }] }, assume_role_policy: ECS_TRUST },
      },
    }),
    nonCompliant: tf({
      aws_iam_policy: {
        boundary: { '//': { rampart_permission_boundary: true }, name: 'acme-dev-permission-boundary', policy: '{}' },
        lenient: { name: 'lenient', policy: '{}' },
      },
      aws_iam_role: {
        byref: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' },
        foreign: { assume_role_policy: ECS_TRUST, permissions_boundary: BOUNDARY },
        sibling: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.lenient.arn}' },
        otheroptout: { '//': { rampart_opt_outs: [{ id: 'network.public-http-redirect', path: 'dev/x', reason: 'another opt-out entirely' }] }, assume_role_policy: ECS_TRUST },
      },
    }),
    expected: ['aws_iam_role.foreign', 'aws_iam_role.otheroptout', 'aws_iam_role.sibling'],
  },
  {
    rule: P.iamOidcTrustPinned,
    compliant: tf({
      ...OIDC,
      aws_iam_role: {
        deploy: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/infra:environment:prod' } }) },
        branch: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: ['repo:acme/infra:ref:refs/heads/main', 'repo:acme/infra:environment:dev'] } }) },
        eks: { assume_role_policy: eksTrust({ StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' } }) },
        ecs: { assume_role_policy: ECS_TRUST },
      },
    }),
    nonCompliant: tf({
      ...OIDC,
      aws_iam_role: {
        noaud: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:sub`]: 'repo:acme/infra:environment:prod' } }, 'NoAud') },
        anyrepo: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } }, 'AnyRepo') },
        anyref: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:*' } }, 'AnyRef') },
        nosub: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }, 'NoSub') },
        // repo and context named, but any ref or any environment: not pinned
        anybranch: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:ref:*' } }, 'AnyBranch') },
        anyenv: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:environment:*' } }, 'AnyEnv') },
        oneChar: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:environment:prod?' } }, 'OneChar') },
        // a literal subject under StringLike: GitHub subjects must be pinned with StringEquals
        likeLiteral: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:environment:prod' } }, 'LikeLiteral') },
        // other providers: wildcards in the service account's namespace or name
        eksAnyNs: { assume_role_policy: eksTrust({ StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:*:api' } }, 'EksAnyNamespace') },
        eksAnyName: { assume_role_policy: eksTrust({ StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${EKS}:sub`]: 'system:serviceaccount:payments:api-*' } }, 'EksAnyName') },
        eksOk: { assume_role_policy: eksTrust({ StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:payments:api' } }) },
        ok: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/infra:environment:dev' } }) },
      },
    }),
    expected: [
      'aws_iam_role.anybranch#AnyBranch',
      'aws_iam_role.anyenv#AnyEnv',
      'aws_iam_role.anyref#AnyRef',
      'aws_iam_role.anyrepo#AnyRepo',
      'aws_iam_role.eksAnyName#EksAnyName',
      'aws_iam_role.eksAnyNs#EksAnyNamespace',
      'aws_iam_role.likeLiteral#LikeLiteral',
      'aws_iam_role.noaud#NoAud',
      'aws_iam_role.nosub#NoSub',
      'aws_iam_role.oneChar#OneChar',
    ],
  },
  {
    rule: P.iamSessionLength,
    compliant: tf({
      ...OIDC,
      aws_iam_role: {
        dev: { assume_role_policy: ECS_TRUST, max_session_duration: 28800, tags: { Persona: 'developer' } },
        ci: { assume_role_policy: ghTrust({}), max_session_duration: 7200 },
        bg: { assume_role_policy: ECS_TRUST, max_session_duration: 3600, tags: { Persona: 'break-glass' } },
        svc: { assume_role_policy: ECS_TRUST, max_session_duration: 43200 },
        sso: { assume_role_policy: SSO_TRUST, max_session_duration: 28800 },
        crossAccount: { assume_role_policy: CROSS_ACCOUNT_TRUST, max_session_duration: 28800 },
        taggedService: { assume_role_policy: ECS_TRUST, max_session_duration: 43200, tags: { Persona: 'service' } },
      },
    }),
    nonCompliant: tf({
      ...OIDC,
      aws_iam_role: {
        dev: { assume_role_policy: ECS_TRUST, max_session_duration: 43200, tags: { Persona: 'developer' } },
        ci: { assume_role_policy: ghTrust({}), max_session_duration: 10800 },
        bg: { assume_role_policy: ECS_TRUST, max_session_duration: 7200, tags: { Persona: 'break-glass' } },
        svc: { assume_role_policy: ECS_TRUST, max_session_duration: 43200 },
        sso: { assume_role_policy: SSO_TRUST, max_session_duration: 43200 },
        mfa: { assume_role_policy: MFA_TRUST, max_session_duration: 36000 },
        // people or unknown callers get the 8 h human cap, whatever the tag says
        crossAccount: { assume_role_policy: CROSS_ACCOUNT_TRUST, max_session_duration: 43200 },
        mixed: { assume_role_policy: MIXED_TRUST, max_session_duration: 43200 },
        unknownTag: { assume_role_policy: CROSS_ACCOUNT_TRUST, max_session_duration: 43200, tags: { Persona: 'robot' } },
        claimsService: { assume_role_policy: CROSS_ACCOUNT_TRUST, max_session_duration: 43200, tags: { Persona: 'service' } },
        unreadable: { assume_role_policy: '${jsonencode({})}', max_session_duration: 43200 },
      },
    }),
    expected: [
      'aws_iam_role.bg',
      'aws_iam_role.ci',
      'aws_iam_role.claimsService',
      'aws_iam_role.crossAccount',
      'aws_iam_role.dev',
      'aws_iam_role.mfa',
      'aws_iam_role.mixed',
      'aws_iam_role.sso',
      'aws_iam_role.unknownTag',
      'aws_iam_role.unreadable',
    ],
  },
  {
    rule: P.iamNoPublicTrust,
    compliant: tf({
      aws_iam_role: {
        app: { assume_role_policy: ECS_TRUST },
        org: { assume_role_policy: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }]) },
      },
    }),
    nonCompliant: tf({
      aws_iam_role: { open: { assume_role_policy: doc([{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) }, app: { assume_role_policy: ECS_TRUST } },
    }),
    expected: ['aws_iam_role.open#Anyone'],
  },
];

const ATTACH = (name: string) => ({ role: 'r', policy_arn: `\${aws_iam_policy.${name}.arn}` });
/** The repository's permission boundary shape: Allow * on *, then Deny; referenced as a boundary, never attached. */
const BOUNDARY_DOC = doc([
  { Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' },
  { Sid: 'AllowAllButIam', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
  { Effect: 'Allow', Action: ['kms:*', 'iam:*', 'ec2:*'], Resource: '*' },
  { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
]);
const BOUNDED = {
  aws_iam_policy: { boundary: { name: 'acme-prod-permission-boundary', policy: BOUNDARY_DOC } },
  aws_iam_role: { app: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' } },
};
/** An SCP: Organizations policies are not identity policies and are never inspected. */
const SCP = {
  aws_organizations_policy: {
    scp: {
      name: 'deny-leave',
      content: doc([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      ]),
    },
  },
};

export const WILDCARD_CASES: RuleCase[] = [
  {
    rule: P.iamNoPrivilegedServiceWildcard,
    compliant: tf({
      ...SCP,
      aws_iam_policy: {
        ...BOUNDED.aws_iam_policy,
        scoped: {
          policy: doc([
            { Effect: 'Allow', Action: ['kms:Decrypt', 's3:*'], Resource: ['${aws_kms_key.k.arn}', 'arn:aws:s3:::b/*'] },
            { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
          ]),
        },
      },
      aws_iam_role_policy_attachment: { scoped: ATTACH('scoped') },
      aws_iam_role: BOUNDED.aws_iam_role,
    }),
    nonCompliant: tf(
      {
        ...SCP,
        aws_iam_policy: {
          ...BOUNDED.aws_iam_policy,
          kms: { policy: doc([{ Sid: 'Keys', Effect: 'Allow', Action: 'kms:*', Resource: '*' }]) },
          fine: { policy: doc([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]) },
        },
        aws_iam_role_policy_attachment: { kms: ATTACH('kms'), fine: ATTACH('fine') },
        aws_iam_role: {
          ...BOUNDED.aws_iam_role,
          inline: { assume_role_policy: ECS_TRUST, inline_policy: [{ name: 'idp', policy: doc([{ Effect: 'Allow', Action: ['IAM:*', 'sts:*'], Resource: ['*'] }]) }] },
        },
        aws_iam_role_policy: {
          org: { role: 'r', policy: doc([{ Effect: 'Allow', Action: 'organizations:*', Resource: '*' }]) },
          data: { role: 'r', policy: '${data.aws_iam_policy_document.s3.json}' },
        },
      },
      { data: { aws_iam_policy_document: { s3: { statement: [{ effect: 'Allow', actions: ['s3:*'], resources: ['*'] }] } } } },
    ),
    expected: ['aws_iam_policy.kms#policy', 'aws_iam_role.inline#inline_policy.idp', 'aws_iam_role_policy.data#policy', 'aws_iam_role_policy.org#policy'],
  },
  {
    rule: P.iamNoServiceWildcard,
    compliant: tf({
      ...SCP,
      aws_iam_policy: {
        ...BOUNDED.aws_iam_policy,
        scoped: {
          policy: doc([
            { Effect: 'Allow', Action: ['ec2:Describe*', 'logs:*'], Resource: ['arn:aws:logs:eu-central-1:111111111111:log-group:/app:*'] },
            { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
          ]),
        },
      },
      aws_iam_role_policy_attachment: { scoped: ATTACH('scoped') },
      aws_iam_role: BOUNDED.aws_iam_role,
    }),
    nonCompliant: tf({
      ...SCP,
      aws_iam_policy: { ...BOUNDED.aws_iam_policy, ec2: { policy: doc([{ Sid: 'Compute', Effect: 'Allow', Action: ['ec2:*', 'kms:*'], Resource: '*' }]) } },
      aws_iam_role_policy_attachment: { ec2: ATTACH('ec2') },
      aws_iam_role_policy: {
        logs: { role: 'r', policy: doc([{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }]) },
        onlyKms: { role: 'r', policy: doc([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]) },
      },
      aws_iam_role: BOUNDED.aws_iam_role,
    }),
    expected: ['aws_iam_policy.ec2#policy', 'aws_iam_role_policy.logs#policy'],
  },
  {
    rule: P.iamNoAllowNotAction,
    compliant: tf({
      ...SCP,
      aws_iam_policy: {
        ...BOUNDED.aws_iam_policy,
        guard: {
          policy: doc([
            { Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: '*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
          ]),
        },
      },
      aws_iam_role_policy_attachment: { guard: ATTACH('guard') },
      aws_iam_role: BOUNDED.aws_iam_role,
    }),
    nonCompliant: tf({
      ...SCP,
      aws_iam_policy: {
        ...BOUNDED.aws_iam_policy,
        almostAdmin: { policy: doc([{ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) },
        scopedNot: { policy: doc([{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::b' }]) },
      },
      aws_iam_role_policy_attachment: { almostAdmin: ATTACH('almostAdmin'), scopedNot: ATTACH('scopedNot') },
      aws_iam_role: {
        ...BOUNDED.aws_iam_role,
        inline: { assume_role_policy: ECS_TRUST, inline_policy: [{ name: 'most', policy: doc([{ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: ['*'] }]) }] },
      },
    }),
    expected: ['aws_iam_policy.almostAdmin#policy', 'aws_iam_role.inline#inline_policy.most'],
  },
  {
    // The boundary is recognised by iam-no-admin-wildcard as well: referenced, not attached.
    rule: P.iamNoAdminWildcard,
    compliant: tf({ ...SCP, ...BOUNDED, aws_iam_role_policy: { ok: { role: 'r', policy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) } } }),
    nonCompliant: tf({ ...SCP, aws_iam_policy: BOUNDED.aws_iam_policy, aws_iam_role: BOUNDED.aws_iam_role, aws_iam_role_policy_attachment: { misused: ATTACH('boundary') } }),
    expected: ['aws_iam_policy.boundary#policy'],
  },
];
