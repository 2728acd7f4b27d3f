import { TerraformStack, Testing } from 'cdktf';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import {
  CLOUDTRAIL_PROTECTED_ACTIONS,
  DEFAULT_MFA_PROTECTED_ACTIONS,
  DenyIamUsersScp,
  DenyLeaveOrganizationScp,
  DenyRootUserScp,
  DenyUnapprovedRegionsScp,
  ProtectCloudTrailScp,
  ProtectGuardDutyScp,
  ProtectKmsKeysScp,
  RequireMfaScp,
  SCP_MAX_CHARACTERS,
  ScpCatalogue,
  ServiceControlPolicy,
  scpSize,
  validateBreakGlassRolePattern,
  validateScpTargetId,
} from '@rampart/guardrails';
import { REGION_AGNOSTIC_ACTIONS } from '@rampart/identity';
import { resourcesOfType, testStack } from '../helpers/synth';
import { issuesOf } from '../identity/util';

const BREAK_GLASS = 'arn:aws:iam::*:role/acme-*-break-glass';
const common = { targetIds: ['ou-ab12-cdef3456'], breakGlassRolePattern: BREAK_GLASS };
const exemption = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };

function synthPolicy<T extends ServiceControlPolicy>(make: (stack: TerraformStack) => T): { policy: T; json: any; content: any; resource: any } {
  const { stack } = testStack();
  const policy = make(stack);
  const json = JSON.parse(Testing.synth(stack, true));
  const [resource] = Object.values(resourcesOfType(json, 'aws_organizations_policy'));
  return { policy, json, resource, content: JSON.parse(resource.content) };
}

describe('the SCP catalogue, one typed construct per policy', () => {
  test('region deny: requests outside allowedRegions, except the documented global services', () => {
    const { content, resource } = synthPolicy((s) => new DenyUnapprovedRegionsScp(s, 'p', { ...common, allowedRegions: ['eu-central-1', 'eu-west-1'] }));
    expect(resource.type).toBe('SERVICE_CONTROL_POLICY');
    expect(resource.name).toBe('rampart-deny-unapproved-regions');
    expect(content.Statement).toEqual([
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...REGION_AGNOSTIC_ACTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] }, ...exemption },
      },
    ]);
    // AWS's example exempts these global services; losing one breaks IAM, STS or Organizations.
    expect(REGION_AGNOSTIC_ACTIONS).toEqual(
      expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'route53:*', 'cloudfront:*', 'support:*', 'budgets:*', 'globalaccelerator:*', 'importexport:*', 'waf:*']),
    );
  });

  test('CloudTrail: stopping, deleting and updating trails are denied', () => {
    const { content } = synthPolicy((s) => new ProtectCloudTrailScp(s, 'p', common));
    expect(content.Statement).toEqual([{ Sid: 'DenyCloudTrailChanges', Effect: 'Deny', Action: [...CLOUDTRAIL_PROTECTED_ACTIONS], Resource: '*', Condition: exemption }]);
    expect(CLOUDTRAIL_PROTECTED_ACTIONS).toEqual(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors']);
  });

  test('GuardDuty: disabling or deleting detectors is denied', () => {
    const { content } = synthPolicy((s) => new ProtectGuardDutyScp(s, 'p', common));
    expect(content.Statement[0].Action).toEqual(expect.arrayContaining(['guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromAdministratorAccount']));
    expect(content.Statement[0].Condition).toEqual(exemption);
  });

  test('IAM users and access keys cannot be created', () => {
    const { content } = synthPolicy((s) => new DenyIamUsersScp(s, 'p', common));
    expect(content.Statement[0]).toEqual({
      Sid: 'DenyIamUsersAndAccessKeys',
      Effect: 'Deny',
      Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'],
      Resource: '*',
      Condition: exemption,
    });
  });

  test('MFA is required for the configured sensitive actions', () => {
    const { content } = synthPolicy((s) => new RequireMfaScp(s, 'p', { ...common, mfaProtectedActions: ['iam:DeleteRole', 's3:Delete*'] }));
    expect(content.Statement[0]).toEqual({
      Sid: 'DenySensitiveActionsWithoutMfa',
      Effect: 'Deny',
      Action: ['iam:DeleteRole', 's3:Delete*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' }, ...exemption },
    });
  });

  test('MFA-protected actions default to the documented list', () => {
    const { content } = synthPolicy((s) => new RequireMfaScp(s, 'p', common));
    expect(content.Statement[0].Action).toEqual([...DEFAULT_MFA_PROTECTED_ACTIONS]);
  });

  test('KMS: scheduling key deletion and disabling keys are denied', () => {
    const { content } = synthPolicy((s) => new ProtectKmsKeysScp(s, 'p', common));
    expect(content.Statement[0].Action).toEqual(['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DeleteImportedKeyMaterial']);
  });

  test('leaving the organisation is denied', () => {
    const { content } = synthPolicy((s) => new DenyLeaveOrganizationScp(s, 'p', common));
    expect(content.Statement[0]).toEqual({ Sid: 'DenyLeavingOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', Condition: exemption });
  });

  test('root user actions are denied', () => {
    const { content } = synthPolicy((s) => new DenyRootUserScp(s, 'p', common));
    expect(content.Statement[0]).toEqual({
      Sid: 'DenyRootUser',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' }, ...exemption },
    });
  });

  test('each target gets an attachment of the policy', () => {
    const { json } = synthPolicy((s) => new DenyLeaveOrganizationScp(s, 'p', { ...common, targetIds: ['ou-ab12-cdef3456', '123456789012', 'r-ab12'] }));
    const attachments = Object.values(resourcesOfType(json, 'aws_organizations_policy_attachment'));
    expect(attachments.map((a) => a.target_id).sort()).toEqual(['123456789012', 'ou-ab12-cdef3456', 'r-ab12']);
    for (const a of attachments) expect(a.policy_id).toMatch(/^\$\{aws_organizations_policy\.p_policy_[0-9A-F]+\.id\}$/);
  });

  test('the rendered content is minified JSON: no whitespace outside strings', () => {
    const { resource, policy } = synthPolicy((s) => new DenyUnapprovedRegionsScp(s, 'p', { ...common, allowedRegions: ['eu-west-1'] }));
    expect(resource.content).toBe(JSON.stringify(JSON.parse(resource.content)));
    expect(policy.size).toBe(resource.content.length);
    expect(scpSize(policy.document)).toBe(resource.content.length);
  });
});

describe('size check', () => {
  test('a policy over 5,120 characters fails synth with its name and size', () => {
    const { stack } = testStack();
    const actions = Array.from({ length: 300 }, (_, i) => `ec2:DeleteSomethingNumber${i}`);
    const policy = new RequireMfaScp(stack, 'huge', { ...common, policyName: 'acme-huge-mfa', mfaProtectedActions: actions });
    expect(policy.size).toBeGreaterThan(SCP_MAX_CHARACTERS);
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[SCP_SIZE\\] service control policy acme-huge-mfa is ${policy.size} characters; AWS Organizations allows at most 5120`));
  });

  test('a policy at the limit passes; one character more fails', () => {
    // Grow the action list until the policy is just under the limit, then pad one action name.
    const base = (n: number, pad = ''): string[] => Array.from({ length: n }, (_, i) => `ec2:Action${i}${i === 0 ? pad : ''}`);
    const sizeOf = (actions: string[]): number => {
      const { stack } = testStack();
      return new RequireMfaScp(stack, 'p', { ...common, mfaProtectedActions: actions }).size;
    };
    let n = 1;
    while (sizeOf(base(n + 1)) <= SCP_MAX_CHARACTERS) n++;
    const pad = 'A'.repeat(SCP_MAX_CHARACTERS - sizeOf(base(n)));
    const { stack: ok } = testStack();
    expect(new RequireMfaScp(ok, 'p', { ...common, mfaProtectedActions: base(n, pad) }).size).toBe(SCP_MAX_CHARACTERS);
    expect(() => Testing.synth(ok, true)).not.toThrow();
    const { stack: over } = testStack();
    expect(new RequireMfaScp(over, 'p', { ...common, mfaProtectedActions: base(n, `${pad}A`) }).size).toBe(SCP_MAX_CHARACTERS + 1);
    expect(() => Testing.synth(over, true)).toThrow(/\[SCP_SIZE\] service control policy rampart-require-mfa is 5121 characters/);
  });
});

describe('validation', () => {
  test.each([
    ['no targets', { targetIds: [] }, 'REQUIRED', 'targetIds'],
    ['a malformed OU id', { targetIds: ['ou-x'] }, 'SCP_TARGET', 'targetIds[0]'],
    ['the root keyword outside the catalogue', { targetIds: ['root'] }, 'SCP_TARGET', 'targetIds[0]'],
    ['a break-glass pattern that exempts every role', { breakGlassRolePattern: 'arn:aws:iam::*:role/*' }, 'BREAK_GLASS_PATTERN', 'breakGlassRolePattern'],
    ['a break-glass pattern that is a user', { breakGlassRolePattern: 'arn:aws:iam::*:user/admin' }, 'BREAK_GLASS_PATTERN', 'breakGlassRolePattern'],
    ['a policy name with spaces', { policyName: 'deny it' }, 'NAME_FORMAT', 'policyName'],
  ])('%s is refused', (_t, extra, code, path) => {
    const { stack } = testStack();
    expect(issuesOf(() => new ProtectKmsKeysScp(stack, 'p', { ...common, ...(extra as object) }))).toEqual([expect.objectContaining({ code, path })]);
    expect(stack.node.findAll().some((c) => (c as any).terraformResourceType === 'aws_organizations_policy')).toBe(false);
  });

  test('region and MFA lists are validated', () => {
    const { stack } = testStack();
    expect(issuesOf(() => new DenyUnapprovedRegionsScp(stack, 'r', { ...common, allowedRegions: [] }))).toEqual([expect.objectContaining({ code: 'REQUIRED', path: 'allowedRegions' })]);
    expect(issuesOf(() => new DenyUnapprovedRegionsScp(stack, 'r2', { ...common, allowedRegions: ['moon-1'] }))).toEqual([
      expect.objectContaining({ code: 'REGION_UNKNOWN', path: 'allowedRegions[0]' }),
    ]);
    expect(issuesOf(() => new RequireMfaScp(stack, 'm', { ...common, mfaProtectedActions: ['*'] }))).toEqual([expect.objectContaining({ code: 'IAM_ACTION', path: 'mfaProtectedActions[0]' })]);
  });

  test.each([
    ['arn:aws:iam::*:role/acme-*-break-glass', true],
    ['arn:aws:iam::123456789012:role/BreakGlass', true],
    ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_BreakGlass_*', true],
    ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*', false],
    ['arn:aws:iam::*:role/a*', false],
    ['*', false],
  ])('break-glass pattern %s valid: %p', (pattern, ok) => {
    expect(validateBreakGlassRolePattern('p', pattern) === undefined).toBe(ok);
  });

  test('target ids: root, OU, account; root keyword only where allowed', () => {
    expect(validateScpTargetId('t', 'r-ab12')).toBeUndefined();
    expect(validateScpTargetId('t', 'ou-ab12-cdef3456')).toBeUndefined();
    expect(validateScpTargetId('t', '123456789012')).toBeUndefined();
    expect(validateScpTargetId('t', 'root', true)).toBeUndefined();
    expect(validateScpTargetId('t', 'root')).toEqual(expect.objectContaining({ code: 'SCP_TARGET' }));
  });
});

describe('ScpCatalogue', () => {
  const names = { prefix: 'acme', environment: 'org' };
  const OU = 'ou-ab12-cdef3456';

  /** Statements of a typed construct as it renders them on its own. */
  function ownStatements(make: (stack: TerraformStack) => ServiceControlPolicy): any[] {
    return synthPolicy(make).content.Statement;
  }

  test('bundles the eight typed policies into four, named by theme and attached to every target', () => {
    const { stack } = testStack();
    const catalogue = new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU, '123456789012'] });
    const json = JSON.parse(Testing.synth(stack, true));
    const policies = Object.values(resourcesOfType(json, 'aws_organizations_policy'));
    expect(policies.map((p) => p.name).sort()).toEqual(['audit-protection', 'identity', 'mfa', 'regions'].map((p) => `acme-org-scp-${p}`));
    const attachments = Object.values(resourcesOfType(json, 'aws_organizations_policy_attachment'));
    expect(attachments).toHaveLength(8);
    for (const target of [OU, '123456789012']) expect(attachments.filter((a) => a.target_id === target)).toHaveLength(4);
    for (const p of policies) {
      for (const st of JSON.parse(p.content).Statement) expect(st.Condition.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS] });
      expect(p.content.length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    }
    expect(catalogue.policies).toHaveLength(4);
  });

  test('each bundle holds exactly the statements its typed policies render on their own', () => {
    const { stack } = testStack();
    const c = new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU], mfaProtectedActions: ['s3:DeleteBucket'] });
    expect(c.regions.document.Statement).toEqual(ownStatements((s) => new DenyUnapprovedRegionsScp(s, 'p', { ...common, allowedRegions: ['eu-west-1'] })));
    expect(c.auditProtection.document.Statement).toEqual([
      ...ownStatements((s) => new ProtectCloudTrailScp(s, 'p', common)),
      ...ownStatements((s) => new ProtectGuardDutyScp(s, 'p', common)),
      ...ownStatements((s) => new ProtectKmsKeysScp(s, 'p', common)),
    ]);
    expect(c.identity.document.Statement).toEqual([
      ...ownStatements((s) => new DenyIamUsersScp(s, 'p', common)),
      ...ownStatements((s) => new DenyRootUserScp(s, 'p', common)),
      ...ownStatements((s) => new DenyLeaveOrganizationScp(s, 'p', common)),
    ]);
    expect(c.mfa.document.Statement).toEqual(ownStatements((s) => new RequireMfaScp(s, 'p', { ...common, mfaProtectedActions: ['s3:DeleteBucket'] })));
  });

  test('a bundle over 5,120 characters fails synth with the SCP size error', () => {
    const { stack } = testStack();
    const actions = Array.from({ length: 300 }, (_, i) => `ec2:DeleteSomethingNumber${i}`);
    const c = new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU], mfaProtectedActions: actions });
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[SCP_SIZE\\] service control policy acme-org-scp-mfa is ${c.mfa.size} characters`));
  });

  test('a target that would carry more than five SCPs with FullAWSAccess fails synth, naming it and the count', () => {
    const { stack } = testStack();
    new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU, '123456789012'] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    new DenyLeaveOrganizationScp(stack, 'extra', { ...common, policyName: 'extra' });
    const error = (() => {
      try {
        Testing.synth(stack, true);
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(error).toMatch(/\[SCP_PER_TARGET\] target ou-ab12-cdef3456 would carry 6 SCPs \(5 attached by this stack \+ 1 attached outside it, such as FullAWSAccess\); the maximum is 5/);
    expect(error).not.toMatch(/target 123456789012/);
  });

  test('the maximum and the externally attached count are configurable', () => {
    const { stack: strict } = testStack();
    new ScpCatalogue(strict, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: ['root'], rootId: 'r-ab12', maxPoliciesPerTarget: 4 });
    expect(() => Testing.synth(strict, true)).toThrow(/\[SCP_PER_TARGET\] target root \(r-ab12\) would carry 5 SCPs .*the maximum is 4/);
    const { stack: crowded } = testStack();
    new ScpCatalogue(crowded, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU], externalPoliciesPerTarget: 2 });
    expect(() => Testing.synth(crowded, true)).toThrow(/target ou-ab12-cdef3456 would carry 6 SCPs \(4 attached by this stack \+ 2 attached outside it/);
  });

  test('attachments of other policy types do not count', () => {
    const { stack } = testStack();
    new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU] });
    const tags = new OrganizationsPolicy(stack, 'tags', { name: 'tags', type: 'TAG_POLICY', content: '{"tags":{}}' });
    new OrganizationsPolicyAttachment(stack, 'tags-a', { policyId: tags.id, targetId: OU });
    new OrganizationsPolicyAttachment(stack, 'tags-b', { policyId: tags.id, targetId: OU });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test.each([
    ['maxPoliciesPerTarget', { maxPoliciesPerTarget: 6 }],
    ['maxPoliciesPerTarget', { maxPoliciesPerTarget: 0 }],
    ['externalPoliciesPerTarget', { externalPoliciesPerTarget: -1 }],
  ])('%s out of range is refused', (path, extra) => {
    const { stack } = testStack();
    expect(issuesOf(() => new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: [OU], ...extra }))).toEqual([
      expect.objectContaining({ code: 'OUT_OF_RANGE', path }),
    ]);
  });

  test('the root keyword reads the organisation root from a data source when no root id is given', () => {
    const { stack } = testStack();
    new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: ['root'] });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.data.aws_organizations_organization)).toHaveLength(1);
    for (const a of Object.values(resourcesOfType(json, 'aws_organizations_policy_attachment'))) {
      expect(a.target_id).toMatch(/^\$\{data\.aws_organizations_organization\.scps_organization_[0-9A-F]+\.roots\[0\]\.id\}$/);
    }
  });

  test('the root keyword uses the given root id', () => {
    const { stack } = testStack();
    new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: BREAK_GLASS, targetIds: ['root', 'ou-ab12-cdef3456'], rootId: 'r-ab12' });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.data?.aws_organizations_organization).toBeUndefined();
    expect(Object.values(resourcesOfType(json, 'aws_organizations_policy_attachment')).map((a) => a.target_id)).toEqual(expect.arrayContaining(['r-ab12', 'ou-ab12-cdef3456']));
  });

  test('bad catalogue input is reported before anything is created', () => {
    const { stack } = testStack();
    const issues = issuesOf(() => new ScpCatalogue(stack, 'scps', { names, allowedRegions: ['eu-west-1'], breakGlassRolePattern: '*', targetIds: ['ou-1'] }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['BREAK_GLASS_PATTERN', 'breakGlassRolePattern'],
      ['SCP_TARGET', 'targetIds[0]'],
    ]);
  });
});
