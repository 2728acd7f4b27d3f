import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ECS_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
const BOUNDARY = 'arn:aws:iam::111111111111:policy/rampart-boundary';
const GH = 'token.actions.githubusercontent.com';
const ghTrust = (condition: object, sid = 'GitHub') =>
  doc([{ Sid: sid, Effect: 'Allow', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]);
const SSO_TRUST = doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Developer_*'] } } }]);
const MFA_TRUST = doc([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:role/ops'] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]);
const OIDC = { aws_iam_openid_connect_provider: { github: { url: `https://${GH}`, client_id_list: ['sts.amazonaws.com'] } } };

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
        aws_iam_policy: { read: { policy: doc([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }]) } },
        aws_iam_role_policy: { doc: { role: 'r', policy: '${data.aws_iam_policy_document.ok.json}' } },
      },
      { data: { aws_iam_policy_document: { ok: { statement: [{ actions: ['ssm:GetParameters'], resources: ['*'] }] } } } },
    ),
    nonCompliant: tf(
      {
        aws_iam_policy: {
          admin: { policy: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
          boundary: { policy: doc([{ Sid: 'AllowWithinBoundary', Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }]) },
        },
        aws_iam_role_policy_attachment: { admin: { role: 'r', policy_arn: '${aws_iam_policy.admin.arn}' } },
        aws_iam_role: {
          bounded: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' },
          inline: { assume_role_policy: ECS_TRUST, inline_policy: [{ name: 'everything', policy: doc([{ Effect: 'Allow', Action: '*:*', Resource: ['*'] }]) }] },
        },
        aws_iam_role_policy: { viaDoc: { role: 'r', policy: '${data.aws_iam_policy_document.star.json}' }, scoped: { role: 'r', policy: doc([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }]) } },
      },
      { data: { aws_iam_policy_document: { star: { statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] } } } },
    ),
    expected: ['aws_iam_policy.admin#policy', 'aws_iam_role.inline#inline_policy.everything', 'aws_iam_role_policy.viaDoc#policy'],
  },
  {
    rule: P.iamPolicyReadable,
    compliant: tf({ aws_iam_policy: { a: { policy: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }]) } }, aws_iam_role: { r: { assume_role_policy: ECS_TRUST } } }),
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
    compliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST, permissions_boundary: BOUNDARY }, tok: { assume_role_policy: ECS_TRUST, permissions_boundary: '${aws_iam_policy.boundary.arn}' } } }),
    nonCompliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST, permissions_boundary: BOUNDARY }, loose: { assume_role_policy: ECS_TRUST } } }),
    expected: ['aws_iam_role.loose'],
  },
  {
    rule: P.iamOidcTrustPinned,
    compliant: tf({
      ...OIDC,
      aws_iam_role: {
        deploy: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/infra:environment:prod' } }) },
        branch: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:ref:refs/heads/main' } }) },
        ecs: { assume_role_policy: ECS_TRUST },
      },
    }),
    nonCompliant: tf({
      ...OIDC,
      aws_iam_role: {
        noaud: { assume_role_policy: ghTrust({ StringLike: { [`${GH}:sub`]: 'repo:acme/infra:environment:prod' } }, 'NoAud') },
        anyrepo: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/*' } }, 'AnyRepo') },
        anyref: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:acme/infra:*' } }, 'AnyRef') },
        nosub: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }, 'NoSub') },
        ok: { assume_role_policy: ghTrust({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/infra:environment:dev' } }) },
      },
    }),
    expected: ['aws_iam_role.anyref#AnyRef', 'aws_iam_role.anyrepo#AnyRepo', 'aws_iam_role.noaud#NoAud', 'aws_iam_role.nosub#NoSub'],
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
      },
    }),
    expected: ['aws_iam_role.bg', 'aws_iam_role.ci', 'aws_iam_role.dev', 'aws_iam_role.mfa', 'aws_iam_role.sso'],
  },
  {
    rule: P.iamNoPublicTrust,
    compliant: tf({ aws_iam_role: { app: { assume_role_policy: ECS_TRUST }, org: { assume_role_policy: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }]) } } }),
    nonCompliant: tf({ aws_iam_role: { open: { assume_role_policy: doc([{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) }, app: { assume_role_policy: ECS_TRUST } } }),
    expected: ['aws_iam_role.open#Anyone'],
  },
];
