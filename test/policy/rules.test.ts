import { ALL_RULES, RAMPART_BASELINE, duplicateRuleIds } from '@rampart/policy';
import { findings, RuleCase } from './fixtures';
import { S3_CASES } from './s3.cases';
import { KMS_CASES, NETWORK_CASES } from './kms-network.cases';
import { IAM_CASES } from './iam.cases';
import { SERVICE_CASES } from './services.cases';
import { DATA_WORKLOAD_CASES } from './data-workload.cases';
import { ELB_EC2_CASES } from './elb-ec2.cases';

const CASES: RuleCase[] = [...S3_CASES, ...KMS_CASES, ...NETWORK_CASES, ...IAM_CASES, ...SERVICE_CASES, ...DATA_WORKLOAD_CASES, ...ELB_EC2_CASES];

describe('rule fixtures', () => {
  test.each(CASES.map((c) => [c.rule.id, c] as const))('%s: compliant fixture has no findings', (_id, c) => {
    expect(findings(c.rule, c.compliant, c.production)).toEqual([]);
  });
  test.each(CASES.map((c) => [c.rule.id, c] as const))('%s: non-compliant fixture reports exactly the expected addresses', (_id, c) => {
    expect(findings(c.rule, c.nonCompliant, c.production)).toEqual([...c.expected].sort());
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
    expect(ALL_RULES.filter((r) => !r.suppressible).map((r) => r.id).sort()).toEqual([
      'ecs-not-privileged',
      'iam-no-access-keys',
      'iam-no-public-trust',
      'kms-no-public-key-access',
      'rds-not-public',
      's3-sensitive-public-access-block',
      'sg-no-public-admin-ports',
    ]);
  });
});

describe('the module README', () => {
  const readme = require('fs').readFileSync(require('path').join(__dirname, '../../modules/policy/README.md'), 'utf8') as string;
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
