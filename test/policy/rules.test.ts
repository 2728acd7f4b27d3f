import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES, RAMPART_BASELINE, duplicateRuleIds, evaluateStack } from '@rampart/policy';
import { compliantAddresses, findings, RuleCase } from './fixtures';
import { S3_CASES } from './s3.cases';
import { KMS_CASES, NETWORK_CASES } from './kms-network.cases';
import { IAM_CASES, WILDCARD_CASES } from './iam.cases';
import { SERVICE_CASES } from './services.cases';
import { DATA_WORKLOAD_CASES } from './data-workload.cases';
import { ELB_EC2_CASES } from './elb-ec2.cases';
import { ENCRYPTION_CASES } from './encryption.cases';
import { RECOVERY_CASES } from './recovery.cases';
import { DETECTION_CASES } from './detection.cases';
import { SEMANTICS_CASES } from './semantics.cases';
import { COVERAGE_CASES } from './coverage.cases';

const CASES: RuleCase[] = [
  ...S3_CASES,
  ...KMS_CASES,
  ...NETWORK_CASES,
  ...IAM_CASES,
  ...WILDCARD_CASES,
  ...SERVICE_CASES,
  ...DATA_WORKLOAD_CASES,
  ...ELB_EC2_CASES,
  ...ENCRYPTION_CASES,
  ...RECOVERY_CASES,
  ...DETECTION_CASES,
  ...SEMANTICS_CASES,
  ...COVERAGE_CASES,
];

describe('rule fixtures', () => {
  test.each(CASES.map((c) => [c.rule.id, c] as const))('%s: compliant fixture has no findings', (_id, c) => {
    expect(findings(c.rule, c.compliant, c.production)).toEqual([]);
  });
  test.each(CASES.map((c) => [c.rule.id, c] as const))('%s: non-compliant fixture reports exactly the expected addresses', (_id, c) => {
    expect(findings(c.rule, c.nonCompliant, c.production)).toEqual([...c.expected].sort());
  });
});

describe('production-only rules', () => {
  // Their non-compliant production fixtures are evaluated again as a non-production stack: nothing may be reported.
  const PRODUCTION_ONLY = [
    'backup-vault-locked-production',
    'elb-deletion-protection-production',
    'rds-deletion-protection',
    'rds-multi-az-production',
    'secretsmanager-rotation-production',
    'state-backend-remote-in-production',
  ];
  test.each(PRODUCTION_ONLY)('%s: reports its production findings only in production', (id) => {
    const cases = CASES.filter((c) => c.rule.id === id && c.production === true && c.expected.length > 0);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(findings(c.rule, c.nonCompliant, true)).toEqual([...c.expected].sort());
      expect(findings(c.rule, c.nonCompliant, false)).toEqual([]);
    }
  });
});

describe('compliant fixtures exercise their rule', () => {
  // A compliant fixture where the rule only ever says not-applicable proves nothing: every rule must
  // return compliant on at least one resource of at least one of its compliant fixtures.
  // Rules for which the very existence of a resource type is the violation (no IAM users, no access
  // keys) can never say compliant; their compliant fixtures hold none of those types.
  const EXISTENCE_RULES = ['iam-no-access-keys', 'iam-no-users'];
  test.each(ALL_RULES.filter((r) => !EXISTENCE_RULES.includes(r.id)).map((r) => [r.id, r] as const))('%s: returns compliant on a compliant fixture', (id) => {
    const exercised = CASES.filter((c) => c.rule.id === id).flatMap((c) => compliantAddresses(c.rule, c.compliant, c.production));
    expect(exercised.length).toBeGreaterThan(0);
  });
  test.each(EXISTENCE_RULES)('%s: flags every resource of its types, so its compliant fixtures hold none', (id) => {
    const rule = ALL_RULES.find((r) => r.id === id)!;
    for (const c of CASES.filter((x) => x.rule.id === id)) {
      expect(Object.keys(c.compliant.resource ?? {}).filter((t) => rule.resourceTypes.includes(t))).toEqual([]);
      expect(Object.keys(c.nonCompliant.resource ?? {}).filter((t) => rule.resourceTypes.includes(t)).length).toBeGreaterThan(0);
    }
  });
});

describe('the rampart-baseline pack', () => {
  test('has at least 40 rules, every id unique and every rule in it', () => {
    expect(RAMPART_BASELINE.rules.length).toBeGreaterThanOrEqual(40);
    expect(duplicateRuleIds(RAMPART_BASELINE)).toEqual([]);
    expect(RAMPART_BASELINE.rules.map((r) => r.id).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  test('every rule has compliant and non-compliant fixtures with at least one expected finding', () => {
    const withFindings = new Set(CASES.filter((c) => c.expected.length > 0).map((c) => c.rule.id));
    expect(ALL_RULES.map((r) => r.id).filter((id) => !withFindings.has(id))).toEqual([]);
  });

  test.each(ALL_RULES.map((r) => [r.id, r] as const))('%s: metadata is complete', (_id, r) => {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(r.title.length).toBeGreaterThan(10);
    expect(r.hint.length).toBeGreaterThan(10);
    expect(['critical', 'high', 'medium', 'low']).toContain(r.severity);
    for (const id of r.mappings.cis ?? []) expect(id).toMatch(/^\d+(\.\d+)+$/);
    for (const id of r.mappings.fsbp ?? []) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]*\.\d+$/);
    for (const id of r.mappings.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
  });

  test('the never-suppressible rules are the ones the issue names and their peers', () => {
    expect(
      ALL_RULES.filter((r) => !r.suppressible)
        .map((r) => r.id)
        .sort(),
    ).toEqual([
      'ecs-not-privileged',
      'encryption-data-class-binding',
      'iam-no-access-keys',
      'iam-no-public-trust',
      'iam-no-users',
      'kms-no-public-key-access',
      'rds-not-public',
      's3-sensitive-public-access-block',
      'sg-no-public-admin-ports',
    ]);
  });
});

describe('the module README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../modules/policy/README.md'), 'utf8');
  test.each(ALL_RULES.map((r) => [r.id, r] as const))('%s: documented with its severity, suppressibility and mappings', (id, r) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| ${r.area} | \`${id}\` |`));
    expect(row).toBeDefined();
    const cells = row!.split('|').map((c) => c.trim());
    expect(cells[4]).toBe(r.severity);
    expect(cells[5]).toBe(r.suppressible ? 'yes' : '**never**');
    expect(cells[6]).toBe((r.mappings.cis ?? []).join(', ') || '–');
    expect(cells[7]).toBe((r.mappings.fsbp ?? []).join(', ') || '–');
    expect(cells[8]).toBe((r.mappings.checkov ?? []).join(', ') || '–');
  });
});

describe('finding messages that explain a semantic', () => {
  test('the NACL finding says the AWS Config rule behind EC2.21 ignores rule order', () => {
    const c = SEMANTICS_CASES.find((x) => x.rule.id === 'nacl-no-public-admin-ports')!;
    const report = evaluateStack(c.nonCompliant, { pack: { name: 'one', description: 'one rule', rules: [c.rule] }, stackName: 'test', today: '2026-01-01' });
    expect(report.findings.map((f) => f.message)).toEqual([expect.stringMatching(/port 3389; .*lower-numbered deny.*EC2\.21.*ignores rule order/)]);
  });
});

describe('warning-level rules', () => {
  test('secretsmanager-rotation-production reports a warning: the production stack still passes', () => {
    const c = COVERAGE_CASES.find((x) => x.rule.id === 'secretsmanager-rotation-production')!;
    const report = evaluateStack(c.nonCompliant, { pack: { name: 'one', description: 'one rule', rules: [c.rule] }, stackName: 'test', production: true, today: '2026-01-01' });
    expect(report.findings).toEqual([]);
    expect(report.warnings.map((f) => f.address)).toEqual(['aws_secretsmanager_secret.api']);
    expect(report.passed).toBe(true);
  });
  test('lambda-environment-encrypted reports a warning: the stack still passes', () => {
    const c = COVERAGE_CASES.find((x) => x.rule.id === 'lambda-environment-encrypted')!;
    const report = evaluateStack(c.nonCompliant, { pack: { name: 'one', description: 'one rule', rules: [c.rule] }, stackName: 'test', today: '2026-01-01' });
    expect(report.findings).toEqual([]);
    expect(report.warnings.map((f) => f.address)).toEqual(['aws_lambda_function.fn']);
    expect(report.passed).toBe(true);
  });
});
