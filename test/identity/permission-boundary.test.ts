import { synthError } from '../helpers/assertions';
import { OPT_OUTS_COMMENT_KEY, PolicyPack, RampartPolicy, evaluateStack, iamRolePermissionsBoundary } from '@rampart/policy';
import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { PERMISSION_BOUNDARY_MARKER, collectOptOuts, reportOptOut } from '@rampart/core';
import {
  BOUNDARY_KEYED_ROLE_ACTIONS,
  BreakGlassRole,
  DEFAULT_BOUNDARY_SERVICES,
  PERMISSION_BOUNDARY_OPT_OUT,
  PermissionBoundaryAspect,
  PermissionBoundaryPolicy,
  REGION_AGNOSTIC_ACTIONS,
  UNBOUNDED_ROLE_ACTIONS,
  exemptFromPermissionBoundary,
} from '@rampart/identity';
import { buildApp } from '../../src/app';
import { config } from '../../config/rampart.config';
import { StackJson, resourcesOfType, synthApp, tempDir, testStack } from '../helpers/synth';
import { errorOf } from '../logging/helpers';
import { issuesOf, warningsOf } from './util';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** A construct from "another module" that makes a role of its own, two levels down. */
class UnrelatedWorkload extends Construct {
  public readonly role: IamRole;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const inner = new Construct(this, 'delivery');
    this.role = new IamRole(inner, 'role', { name: `${id}-role`, assumeRolePolicy: TRUST });
  }
}

function boundaryPolicyRef(stack: StackJson, constructId = 'permission-boundary'): string {
  const names = Object.keys(resourcesOfType(stack, 'aws_iam_policy')).filter((n) => n.startsWith(`${constructId}_`));
  expect(names).toHaveLength(1);
  return `\${aws_iam_policy.${names[0]}.arn}`;
}

function synthBuilt(build: (stacks: ReturnType<typeof buildApp>['stacks']) => void, inspect: (app: App) => void = () => undefined): Record<string, StackJson> {
  const outdir = tempDir('boundary');
  const { app, stacks } = buildApp(config, { outdir });
  build(stacks);
  app.synth();
  inspect(app);
  const out: Record<string, StackJson> = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) out[name] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return out;
}

describe('PermissionBoundaryPolicy', () => {
  const { stack } = testStack();
  const boundary = new PermissionBoundaryPolicy(stack, 'b', { policyName: 'acme-prod-permission-boundary', allowedRegions: ['eu-central-1', 'eu-west-1'] });
  const json = JSON.parse(Testing.synth(stack as TerraformStack));
  const policy = JSON.parse(Object.values(resourcesOfType(json, 'aws_iam_policy'))[0].policy);
  const sid = (s: string): any => policy.Statement.find((st: any) => st.Sid === s);

  test('allows the platform\'s service prefixes only (no "*" on "*", IAM.1 / CKV_AWS_62), up to its denies', () => {
    expect(policy.Statement[0]).toEqual({ Sid: 'AllowPlatformServices', Effect: 'Allow', Action: DEFAULT_BOUNDARY_SERVICES.map((s) => `${s}:*`), Resource: '*' });
    expect(policy.Statement.some((s: any) => s.Effect === 'Allow' && (s.Action === '*' || (Array.isArray(s.Action) && s.Action.includes('*'))))).toBe(false);
    expect(policy.Statement.slice(1).every((s: any) => s.Effect === 'Deny')).toBe(true);
  });

  test('takes its service allow-list from allowedServices, and rejects bad or repeated prefixes', () => {
    const { stack } = testStack();
    const b = new PermissionBoundaryPolicy(stack, 'b', { policyName: 'b', allowedRegions: ['eu-central-1'], allowedServices: ['s3', 'kms'] });
    expect(b.document.Statement[0].Action).toEqual(['s3:*', 'kms:*']);
    const e = errorOf(() => new PermissionBoundaryPolicy(stack, 'c', { policyName: 'c', allowedRegions: ['eu-central-1'], allowedServices: ['s3', 'S3:*', 's3'] }));
    expect(e.issues.map((i: any) => `${i.code} ${i.path}`)).toEqual(['NAME_FORMAT allowedServices[1]', 'DUPLICATE allowedServices[2]']);
  });

  test('denies creating IAM users and access keys', () => {
    expect(sid('DenyIamUsersAndKeys').Action).toEqual(['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile']);
  });

  test('denies removing or editing boundaries, and creating roles without this one', () => {
    const self = sid('DenyBoundaryEdits').Resource;
    expect(self).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:iam::\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:policy\/acme-prod-permission-boundary$/);
    expect(sid('DenyBoundaryEdits').Action).toEqual(['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion']);
    expect(sid('DenyBoundaryRemoval').Action).toContain('iam:DeleteRolePermissionsBoundary');
    expect(sid('DenyRolesWithoutThisBoundary')).toEqual(
      expect.objectContaining({
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
        Resource: '*',
        Condition: { StringNotEquals: { 'iam:PermissionsBoundary': self } },
      }),
    );
  });

  test('without configured unbounded roles there is no role-ARN deny', () => {
    expect(sid('DenyUnboundedRoleChanges')).toBeUndefined();
  });

  test('denies actions outside the allowed regions, except global services', () => {
    expect(sid('DenyOutsideAllowedRegions')).toEqual({
      Sid: 'DenyOutsideAllowedRegions',
      Effect: 'Deny',
      NotAction: [...REGION_AGNOSTIC_ACTIONS],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] } },
    });
  });

  test('denies disabling CloudTrail, GuardDuty and Config, and destroying KMS keys', () => {
    const actions = sid('DenyDisablingAuditAndDetection').Action;
    expect(actions).toEqual(
      expect.arrayContaining([
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'guardduty:DeleteDetector',
        'guardduty:UpdateDetector',
        'config:StopConfigurationRecorder',
        'config:DeleteConfigurationRecorder',
      ]),
    );
    expect(sid('DenyKmsKeyDestruction').Action).toEqual(['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DeleteImportedKeyMaterial']);
  });

  test('denies narrowing CloudTrail and GuardDuty as the SCPs do (updates, selectors, findings exports)', () => {
    const actions = sid('DenyDisablingAuditAndDetection').Action;
    expect(actions).toEqual(expect.arrayContaining(['cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors']));
    expect(actions).toEqual(expect.arrayContaining(['guardduty:DeletePublishingDestination', 'guardduty:UpdatePublishingDestination', 'config:DeleteDeliveryChannel']));
  });

  test('fits the managed-policy size quota', () => {
    expect(boundary.size).toBeLessThan(6144);
  });

  test.each([
    ['a role ARN that is not one', { allowedRegions: ['eu-west-1'], unboundedRoleArns: ['arn:aws:s3:::bucket'] }, 'ARN_FORMAT', 'unboundedRoleArns[0]'],
    ['a role pattern that covers every role', { allowedRegions: ['eu-west-1'], unboundedRoleArns: ['arn:aws:iam::*:role/*'] }, 'ARN_FORMAT', 'unboundedRoleArns[0]'],
    ['a policy ARN that is a role', { allowedRegions: ['eu-west-1'], protectedPolicyArns: ['arn:aws:iam::123456789012:role/deploy'] }, 'ARN_FORMAT', 'protectedPolicyArns[0]'],
    ['no regions', { allowedRegions: [] }, 'REQUIRED', 'allowedRegions'],
    ['an unknown region', { allowedRegions: ['eu-central-9'] }, 'REGION_UNKNOWN', 'allowedRegions[0]'],
    ['a bare * exemption', { allowedRegions: ['eu-west-1'], regionAgnosticActions: ['*'] }, 'IAM_ACTION', 'regionAgnosticActions[0]'],
    ['a bad name', { allowedRegions: ['eu-west-1'], policyName: 'has space' }, 'NAME_FORMAT', 'policyName'],
  ])('%s is refused', (_t, props, code, p) => {
    const { stack: s } = testStack();
    expect(issuesOf(() => new PermissionBoundaryPolicy(s, 'b', { policyName: 'b', ...(props as any) }))).toEqual([expect.objectContaining({ code, path: p })]);
  });
});

describe('PermissionBoundaryPolicy with unbounded roles', () => {
  const DEPLOY = 'arn:aws:iam::123456789012:role/rampart-deploy';
  const KEY_ADMIN = 'arn:aws:iam::123456789012:role/rampart-key-admin';
  const BREAK_GLASS = 'arn:aws:iam::*:role/acme-*-break-glass';
  const DEPLOY_POLICY = 'arn:aws:iam::123456789012:policy/rampart-deploy-permissions';
  const { stack } = testStack();
  new PermissionBoundaryPolicy(stack, 'b', {
    policyName: 'acme-prod-permission-boundary',
    allowedRegions: ['eu-central-1'],
    unboundedRoleArns: [DEPLOY, KEY_ADMIN, BREAK_GLASS],
    protectedPolicyArns: [DEPLOY_POLICY],
  });
  const json = JSON.parse(Testing.synth(stack as TerraformStack, true));
  const policy = JSON.parse(Object.values(resourcesOfType(json, 'aws_iam_policy'))[0].policy);
  const sid = (s: string): any => policy.Statement.find((st: any) => st.Sid === s);

  test('capped roles may not change the trust, settings, tags or existence of an unbounded role, nor pass it', () => {
    expect(sid('DenyUnboundedRoleChanges')).toEqual({
      Sid: 'DenyUnboundedRoleChanges',
      Effect: 'Deny',
      Action: [...UNBOUNDED_ROLE_ACTIONS],
      Resource: [DEPLOY, KEY_ADMIN, BREAK_GLASS],
    });
    expect(UNBOUNDED_ROLE_ACTIONS).toEqual(expect.arrayContaining(['iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:DeleteRole', 'iam:PassRole']));
  });

  test('the ARN deny covers exactly the role actions that lack the iam:PermissionsBoundary key', () => {
    for (const action of UNBOUNDED_ROLE_ACTIONS) expect(BOUNDARY_KEYED_ROLE_ACTIONS).not.toContain(action);
    expect(sid('DenyRolesWithoutThisBoundary').Action).toEqual([...BOUNDARY_KEYED_ROLE_ACTIONS]);
  });

  test('policies attached to unbounded roles get no new versions from capped roles', () => {
    expect(sid('DenyBoundaryEdits').Resource).toEqual([expect.stringMatching(/:policy\/acme-prod-permission-boundary$/), DEPLOY_POLICY]);
    expect(sid('DenyBoundaryEdits').Action).toEqual(expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']));
  });

  test('a boundary over the managed-policy quota fails synth, naming its size', () => {
    const { stack: s } = testStack();
    const many = Array.from({ length: 120 }, (_, i) => `arn:aws:iam::123456789012:role/unbounded-workload-${i}`);
    const big = new PermissionBoundaryPolicy(s, 'b', { policyName: 'too-big', allowedRegions: ['eu-west-1'], unboundedRoleArns: many });
    expect(big.size).toBeGreaterThan(6144);
    expect(() => Testing.synth(s as TerraformStack, true)).toThrow(new RegExp(`\\[POLICY_SIZE\\] permission boundary too-big is ${big.size} characters; IAM allows at most 6144`));
  });
});

describe('PermissionBoundaryAspect (applies) and the rule iam-role-permissions-boundary (judges)', () => {
  // The boundary rule alone, so that no other rule of the pack has a say in these cases.
  const BOUNDARY_ONLY: PolicyPack = { name: 'boundary', description: 'iam-role-permissions-boundary only', rules: [iamRolePermissionsBoundary] };

  function stackWithBoundary(opts: { aspect?: boolean } = {}): { stack: TerraformStack; boundary: PermissionBoundaryPolicy } {
    const { stack } = testStack();
    const boundary = new PermissionBoundaryPolicy(stack, 'boundary', { policyName: 'boundary', allowedRegions: ['eu-west-1'] });
    if (opts.aspect ?? true) Aspects.of(stack).add(new PermissionBoundaryAspect({ boundaryArn: boundary.policyArn, policy: boundary }));
    RampartPolicy.apply(stack, { pack: BOUNDARY_ONLY, writeReport: false });
    return { stack, boundary };
  }

  /** The stack's cdk.tf.json as synth writes it (comments included, unlike Testing.synth). */
  function writtenJson(stack: TerraformStack): StackJson {
    const app = App.of(stack);
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
  }

  test('the aspect attaches the boundary to a role made by an unrelated construct deep in the tree', () => {
    const { stack } = stackWithBoundary();
    new UnrelatedWorkload(new Construct(stack, 'platform'), 'flow-logs');
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.values(resourcesOfType(json, 'aws_iam_role'))[0].permissions_boundary).toBe(boundaryPolicyRef(json, 'boundary'));
  });

  test("the boundary policy is marked as the stack's boundary in the synthesised JSON", () => {
    const { stack } = stackWithBoundary();
    const json = writtenJson(stack);
    expect(Object.values(resourcesOfType(json, 'aws_iam_policy'))[0]['//']).toMatchObject({ [PERMISSION_BOUNDARY_MARKER]: true });
  });

  test('without the aspect, a role without a boundary fails synth with the rule id, naming the role', () => {
    const { stack } = stackWithBoundary({ aspect: false });
    new UnrelatedWorkload(stack, 'ecs-task');
    expect(synthError(stack)).toMatch(/\[iam-role-permissions-boundary\] aws_iam_role\.\S+ at test\/ecs-task\/delivery\/role: the role has no permissions_boundary/);
  });

  test("a role that already carries the stack's boundary passes, by reference or by literal ARN", () => {
    const { stack, boundary } = stackWithBoundary({ aspect: false });
    new IamRole(stack, 'by-ref', { name: 'by-ref', assumeRolePolicy: TRUST, permissionsBoundary: boundary.policyArn });
    new IamRole(stack, 'by-arn', { name: 'by-arn', assumeRolePolicy: TRUST, permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary' });
    expect(synthError(stack)).toBe('');
  });

  test('a role with another boundary fails synth, naming both boundaries (the aspect leaves it alone)', () => {
    const { stack } = stackWithBoundary();
    new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: TRUST, permissionsBoundary: 'arn:aws:iam::123456789012:policy/lenient' });
    expect(synthError(stack)).toMatch(
      /\[iam-role-permissions-boundary\] aws_iam_role\.r at test\/r: the role carries permissions boundary arn:aws:iam::123456789012:policy\/lenient, not the stack's boundary aws_iam_policy\.boundary_policy_\S+/,
    );
  });

  test('in a stack with no boundary policy of its own, any boundary passes and none fails', () => {
    const { stack } = testStack();
    RampartPolicy.apply(stack, { pack: BOUNDARY_ONLY, writeReport: false });
    new IamRole(stack, 'capped', { name: 'capped', assumeRolePolicy: TRUST, permissionsBoundary: 'arn:aws:iam::123456789012:policy/lenient' });
    expect(synthError(stack)).toBe('');
    new IamRole(stack, 'bare', { name: 'bare', assumeRolePolicy: TRUST });
    expect(synthError(stack)).toMatch(/\[iam-role-permissions-boundary\] aws_iam_role\.bare at test\/bare: the role has no permissions_boundary/);
  });

  test('an exemption with a reason leaves the roles below it alone, waives the rule for them only, and is reported', () => {
    const { stack } = stackWithBoundary({ aspect: false });
    const workload = new UnrelatedWorkload(stack, 'legacy');
    exemptFromPermissionBoundary(workload, 'vendor product manages its own role boundaries');
    expect(synthError(stack)).toBe('');
    expect(warningsOf(workload)).toEqual([expect.stringMatching(/^\[identity\.permission-boundary\] IAM roles under test\/legacy .*\(reason: vendor product manages its own role boundaries\)$/)]);
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ id: PERMISSION_BOUNDARY_OPT_OUT, path: 'test/legacy' })]);
    const report = RampartPolicy.evaluate(stack, { pack: BOUNDARY_ONLY });
    expect(report).toMatchObject({ passed: true, findings: [], suppressed: [], summary: expect.objectContaining({ waived: 1, optOuts: 1 }) });
    expect(report.waived).toEqual([
      expect.objectContaining({
        ruleId: 'iam-role-permissions-boundary',
        constructPath: 'test/legacy/delivery/role',
        optOut: { id: PERMISSION_BOUNDARY_OPT_OUT, path: 'test/legacy', reason: 'vendor product manages its own role boundaries' },
      }),
    ]);
    // A role beside the exempted scope is not covered.
    new UnrelatedWorkload(stack, 'other');
    expect(synthError(stack)).toMatch(/\[iam-role-permissions-boundary\] aws_iam_role\.\S+ at test\/other\/delivery\/role/);
  });

  test('with the aspect, an exempted role keeps no boundary and the stack passes', () => {
    const { stack } = stackWithBoundary();
    const workload = new UnrelatedWorkload(stack, 'legacy');
    exemptFromPermissionBoundary(workload, 'vendor product manages its own role boundaries');
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.values(resourcesOfType(json, 'aws_iam_role'))[0].permissions_boundary).toBeUndefined();
  });

  test('the exemption travels in the JSON, so the same JSON judged without the construct tree (as the CLI does) is waived too', () => {
    const { stack } = stackWithBoundary({ aspect: false });
    const workload = new UnrelatedWorkload(stack, 'legacy');
    exemptFromPermissionBoundary(workload, 'vendor product manages its own role boundaries');
    const json = writtenJson(stack);
    const role = Object.values(resourcesOfType(json, 'aws_iam_role'))[0];
    expect(role['//'][OPT_OUTS_COMMENT_KEY]).toEqual([{ id: PERMISSION_BOUNDARY_OPT_OUT, path: 'test/legacy', reason: 'vendor product manages its own role boundaries' }]);
    const fromJson = evaluateStack(json, { pack: BOUNDARY_ONLY, stackName: 'test' });
    expect(fromJson).toMatchObject({ passed: true, findings: [], waived: [expect.objectContaining({ ruleId: 'iam-role-permissions-boundary' })] });
    // Without the carried opt-out the same role fails: the waiver is what passes it.
    delete role['//'][OPT_OUTS_COMMENT_KEY];
    expect(evaluateStack(json, { pack: BOUNDARY_ONLY, stackName: 'test' }).findings).toEqual([expect.objectContaining({ ruleId: 'iam-role-permissions-boundary' })]);
  });

  test('another opt-out id does not waive the rule', () => {
    const { stack } = stackWithBoundary({ aspect: false });
    const workload = new UnrelatedWorkload(stack, 'legacy');
    reportOptOut(workload, { id: 'network.public-http-redirect', message: 'unrelated opt-out', reason: 'not about boundaries at all' });
    expect(synthError(stack)).toMatch(/\[iam-role-permissions-boundary\] aws_iam_role\.\S+ at test\/legacy\/delivery\/role/);
  });

  test('with the policy given, an exempted role is added to the roles capped roles may not change or pass', () => {
    const { stack } = testStack();
    const boundary = new PermissionBoundaryPolicy(stack, 'boundary', { policyName: 'boundary', allowedRegions: ['eu-west-1'], unboundedRoleArns: ['arn:aws:iam::123456789012:role/deploy'] });
    Aspects.of(stack).add(new PermissionBoundaryAspect({ boundaryArn: boundary.policyArn, policy: boundary }));
    const workload = new UnrelatedWorkload(stack, 'legacy');
    exemptFromPermissionBoundary(workload, 'vendor product manages its own role boundaries');
    const json = JSON.parse(Testing.synth(stack, true));
    const roleName = Object.keys(resourcesOfType(json, 'aws_iam_role'))[0];
    const deny = JSON.parse(resourcesOfType(json, 'aws_iam_policy')[Object.keys(resourcesOfType(json, 'aws_iam_policy'))[0]].policy).Statement.find((s: any) => s.Sid === 'DenyUnboundedRoleChanges');
    expect(deny.Resource).toEqual(['arn:aws:iam::123456789012:role/deploy', `\${aws_iam_role.${roleName}.arn}`]);
  });

  test('an exemption needs a reason', () => {
    const { stack } = testStack();
    expect(issuesOf(() => exemptFromPermissionBoundary(stack, 'ok'))).toEqual([expect.objectContaining({ code: 'REASON_REQUIRED', path: 'reason' })]);
  });
});

describe('the boundary in every stack of the app', () => {
  test("every aws_iam_role of every stack carries its own stack's boundary, unless a reported exemption covers it", () => {
    const exempted: string[] = [];
    const stacks = synthBuilt(
      () => undefined,
      (app) => {
        exempted.push(
          ...collectOptOuts(app)
            .filter((o) => o.id === PERMISSION_BOUNDARY_OPT_OUT)
            .map((o) => o.path),
        );
      },
    );
    let roles = 0;
    for (const [name, stack] of Object.entries(stacks)) {
      const ref = boundaryPolicyRef(stack);
      for (const [id, role] of Object.entries(resourcesOfType(stack, 'aws_iam_role'))) {
        const rolePath: string = role['//'].metadata.path;
        if (exempted.some((p) => rolePath === p || rolePath.startsWith(`${p}/`))) continue;
        roles++;
        expect({ stack: name, role: id, boundary: role.permissions_boundary }).toEqual({ stack: name, role: id, boundary: ref });
      }
    }
    expect(roles).toBeGreaterThanOrEqual(3);
  });

  test('each stack has a boundary policy named for its account, capping its allowed regions', () => {
    const { stacks } = synthApp();
    for (const [name, stack] of Object.entries(stacks)) {
      const [policy] = Object.values(resourcesOfType(stack, 'aws_iam_policy')).filter((p) => String(p.name).endsWith('-permission-boundary'));
      expect(policy.name).toBe(`acme-${name}-permission-boundary`);
      const regions = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'DenyOutsideAllowedRegions').Condition.StringNotEquals['aws:RequestedRegion'];
      const expected =
        name === 'bootstrap'
          ? [config.bootstrap.region]
          : ['org', 'log-archive', 'security'].includes(name)
            ? config.org.allowedRegions
            : config.environments.find((e) => e.name === name)!.allowedRegions;
      expect(regions).toEqual([...expected]);
    }
  });

  test("every stack's boundary fits the managed-policy quota and forbids taking over its deploy, key-admin and break-glass roles", () => {
    const { stacks } = synthApp();
    const pattern = config.org.guardrails.breakGlassRolePattern;
    const targets: Record<string, { deployRoleArn: string; keyAdminRoleArn?: string }> = {
      bootstrap: config.bootstrap,
      org: config.org,
      'log-archive': config.logArchive!,
      security: config.security!,
    };
    for (const env of config.environments) targets[env.name] = env;
    for (const [name, stack] of Object.entries(stacks)) {
      const [policy] = Object.values(resourcesOfType(stack, 'aws_iam_policy')).filter((p) => String(p.name).endsWith('-permission-boundary'));
      expect({ stack: name, fits: String(policy.policy).replace(/\s/g, '').length <= 6144 }).toEqual({ stack: name, fits: true });
      const statements = JSON.parse(policy.policy).Statement;
      const deny = statements.find((s: any) => s.Sid === 'DenyUnboundedRoleChanges');
      const target = targets[name];
      const expected = [target.deployRoleArn, ...(target.keyAdminRoleArn ? [target.keyAdminRoleArn] : []), ...(name === 'bootstrap' ? [] : [pattern])];
      expect({ stack: name, roles: deny.Resource }).toEqual({ stack: name, roles: expected });
      expect(deny.Action).toEqual(expect.arrayContaining(['iam:UpdateAssumeRolePolicy', 'iam:PassRole', 'iam:DeleteRole', 'iam:UpdateRole']));
      const keyed = statements.find((s: any) => s.Sid === 'DenyRolesWithoutThisBoundary');
      expect(keyed.Action).toEqual(expect.arrayContaining(['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary']));
    }
  });

  test('a break-glass role in an environment stack runs without the boundary, reported, and capped roles may not touch it', () => {
    let bg: BreakGlassRole | undefined;
    let report: any;
    const out = synthBuilt(
      (stacks) => {
        bg = new BreakGlassRole(stacks.environments.prod, 'break-glass', { roleName: 'acme-prod-break-glass', ssoPermissionSets: [{ accountId: '555555555555', permissionSetName: 'BreakGlass' }] });
        // The boundary exemption waives iam-role-permissions-boundary for the role (reported as waived);
        // its administrator policy still takes a reviewed, expiring suppression.
        const review = { owner: 'security-team', expires: new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10) };
        for (const c of bg.node.findAll().filter((n) => n.node.id.startsWith('managed-'))) {
          RampartPolicy.suppress(c, { ruleId: 'iam-no-admin-managed-policy', reason: 'break-glass is the reviewed administrator of last resort', ...review });
        }
      },
      (app) => {
        report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'prod', 'policy-report.json'), 'utf8'));
      },
    );
    const [roleId, role] = Object.entries(resourcesOfType(out.prod, 'aws_iam_role')).find(([, r]) => r.name === 'acme-prod-break-glass')!;
    expect(role.permissions_boundary).toBeUndefined();
    expect(warningsOf(bg!)).toEqual([expect.stringMatching(/^\[identity\.permission-boundary\] IAM roles under prod\/break-glass .*break-glass administrator/)]);
    const [policy] = Object.values(resourcesOfType(out.prod, 'aws_iam_policy')).filter((p) => String(p.name).endsWith('-permission-boundary'));
    const deny = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'DenyUnboundedRoleChanges');
    expect(deny.Resource).toContain(`\${aws_iam_role.${roleId}.arn}`);
    // The policy report names the exemption and the role it waives the boundary rule for.
    expect(report.waived).toEqual([
      expect.objectContaining({
        ruleId: 'iam-role-permissions-boundary',
        address: `aws_iam_role.${roleId}`,
        optOut: expect.objectContaining({ id: PERMISSION_BOUNDARY_OPT_OUT, path: 'prod/break-glass' }),
      }),
    ]);
    expect(report.optOuts).toEqual(expect.arrayContaining([expect.objectContaining({ id: PERMISSION_BOUNDARY_OPT_OUT, path: 'prod/break-glass' })]));
  });

  test('roles added to any stack by unrelated constructs after the stack was built get the boundary too', () => {
    const out = synthBuilt((stacks) => {
      new UnrelatedWorkload(stacks.environments.prod, 'ecs-execution');
      new UnrelatedWorkload(new Construct(new Construct(stacks.environments.dev, 'a'), 'b'), 'flow-log-delivery');
      new UnrelatedWorkload(stacks.org, 'cloudtrail-to-logs');
      new UnrelatedWorkload(stacks.bootstrap, 'replication');
    });
    for (const name of ['prod', 'dev', 'org', 'bootstrap']) {
      const roles = Object.values(resourcesOfType(out[name], 'aws_iam_role'));
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) expect(role.permissions_boundary).toBe(boundaryPolicyRef(out[name]));
    }
  });
});
