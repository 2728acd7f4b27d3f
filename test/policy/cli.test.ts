import { writeStackJson } from './fixtures';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../helpers/synth';
import { DEFAULT_TAGS } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
/** The command as npm links it for the workspace: node_modules/.bin/rampart-policy → the package's bin. */
const BIN = path.join(ROOT, 'node_modules', '.bin', 'rampart-policy');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const provider = { aws: [{ region: 'eu-central-1', default_tags: [{ tags: DEFAULT_TAGS }] }] };

/** A cdktf.out with a clean stack and a stack with planted violations. */
function plantedOutput(): string {
  const dir = path.join(tempDir('cli'), 'cdktf.out');
  const write = (stack: string, json: object): void => writeStackJson(dir, stack, json);
  write('clean', {
    provider,
    resource: { aws_cloudwatch_log_group: { app: { name: 'app', retention_in_days: 30, kms_key_id: 'arn:aws:kms:eu-central-1:1:key/k', '//': { metadata: { path: 'clean/app' } } } } },
  });
  write('bad', {
    provider,
    terraform: { backend: { s3: { bucket: 'state', key: 'bad.tfstate' } } },
    resource: {
      aws_iam_access_key: { ci: { user: 'ci', '//': { metadata: { path: 'bad/ci-key' } } } },
      aws_security_group: { ssh: { name: 'ssh', vpc_id: 'vpc-1', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }], '//': { metadata: { path: 'bad/ssh' } } } },
      aws_cloudwatch_log_group: { app: { name: 'app', '//': { metadata: { path: 'bad/app' } } } },
      aws_db_instance: { db: { storage_encrypted: true, kms_key_id: 'k', backup_retention_period: 7, iam_database_authentication_enabled: true } },
    },
  });
  return dir;
}

describe('rampart-policy CLI (compiled, spawned)', () => {
  test('the workspace links the bin', () => {
    expect(fs.realpathSync(BIN)).toBe(path.join(ROOT, 'modules', 'policy', 'bin', 'rampart-policy.js'));
  });

  test('planted violations: exit 1, every finding listed with rule id, address, construct path and hint', () => {
    const dir = plantedOutput();
    const r = run([dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('clean: passed (0 finding(s)');
    expect(r.stdout).toContain('bad: FAILED');
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('  ['));
    expect(lines.map((l) => /^ {2}\[([a-z0-9-]+)\] (\S+)/.exec(l)!.slice(1).join(' ')).sort()).toEqual(
      [
        'backend-s3-encrypted terraform.backend.s3',
        'backend-s3-kms terraform.backend.s3',
        'backend-s3-locking terraform.backend.s3',
        'iam-no-access-keys aws_iam_access_key.ci',
        'logs-kms aws_cloudwatch_log_group.app',
        'logs-retention aws_cloudwatch_log_group.app',
        'sg-no-public-admin-ports aws_security_group.ssh',
        'sg-public-ingress-alb-443-only aws_security_group.ssh',
      ].sort(),
    );
    expect(r.stdout).toContain('[iam-no-access-keys] aws_iam_access_key.ci at bad/ci-key: the stack creates a long-lived IAM access key. Hint: use short-lived credentials');
    expect(r.stdout).toContain('[sg-no-public-admin-ports] aws_security_group.ssh (ingress[0]) at bad/ssh: ingress[0] opens port 22 to the internet');
    expect(r.stderr).toContain('1 of 2 stack(s) failed: bad');
  });

  test('--production turns on the production rules for the named stacks', () => {
    const dir = plantedOutput();
    const r = run([dir, '--production', 'bad', '--stack', 'bad', '--json']);
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.production).toBe(true);
    expect(report.findings.filter((f: any) => f.address === 'aws_db_instance.db').map((f: any) => f.ruleId)).toEqual(['rds-deletion-protection', 'rds-multi-az-production']);
  });

  test('a suppressions file silences findings; unsuppressible rules stay; expired entries fail', () => {
    const dir = plantedOutput();
    const file = path.join(path.dirname(dir), 'suppressions.json');
    const base = { stack: 'bad', owner: 'platform-team', reason: 'legacy stack, being replaced this quarter', expires: '2026-12-31' };
    fs.writeFileSync(
      file,
      JSON.stringify([
        { ...base, address: 'terraform.backend.s3', ruleId: 'backend-s3-encrypted' },
        { ...base, address: 'terraform.backend.s3', ruleId: 'backend-s3-kms' },
        { ...base, address: 'terraform.backend.s3', ruleId: 'backend-s3-locking' },
        { ...base, address: 'aws_cloudwatch_log_group.app', ruleId: 'logs-kms' },
        { ...base, address: 'aws_cloudwatch_log_group.app', ruleId: 'logs-retention', expires: '2020-01-01' },
        { ...base, address: 'aws_security_group.ssh', ruleId: 'sg-public-ingress-alb-443-only', finding: 'ingress[0]' },
        { ...base, address: 'aws_security_group.ssh', ruleId: 'sg-no-public-admin-ports' },
      ]),
    );
    const r = run([dir, '--suppressions', file, '--stack', 'bad', '--json', '--today', '2026-06-01']);
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.findings.map((f: any) => f.ruleId).sort()).toEqual(['iam-no-access-keys', 'logs-retention', 'sg-no-public-admin-ports']);
    expect(report.suppressed.map((f: any) => f.ruleId).sort()).toEqual(['backend-s3-encrypted', 'backend-s3-kms', 'backend-s3-locking', 'logs-kms', 'sg-public-ingress-alb-443-only']);
    expect(report.errors.map((e: any) => `${e.code} ${e.ruleId}`).sort()).toEqual(['SUPPRESSION_EXPIRED logs-retention', 'SUPPRESSION_INVALID sg-no-public-admin-ports']);
  });

  test('a clean output exits 0 and --write-report writes the report beside cdk.tf.json', () => {
    const dir = plantedOutput();
    const r = run([dir, '--stack', 'clean', '--write-report']);
    expect(r.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'clean', 'policy-report.json'), 'utf8'));
    expect(report).toMatchObject({ stack: 'clean', passed: true, pack: 'rampart-baseline' });
    expect(fs.existsSync(path.join(dir, 'stacks', 'bad', 'policy-report.json'))).toBe(false);
  });

  test.each([
    [[], 'missing the cdktf.out directory'],
    [['--bogus'], 'unknown option --bogus'],
    [['x', '--pack', 'nope'], 'unknown pack nope'],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: rampart-policy');
  });

  test.each([
    ['[]', 'an array'],
    ['null', 'null'],
    ['"text"', 'a string'],
  ])('a cdk.tf.json holding %s exits 2 with a clear message', (content, kind) => {
    const dir = path.join(tempDir('cli-shape'), 'cdktf.out');
    fs.mkdirSync(path.join(dir, 'stacks', 'odd'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'odd', 'cdk.tf.json'), content);
    const r = run([dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cdk.tf.json at $: expected a Terraform JSON object, got ${kind}`);
  });

  test.each([
    ['[null]', 'suppression [0] must be an object'],
    ['[1]', 'suppression [0] must be an object'],
    ['{}', 'must hold a JSON array of suppressions'],
    [
      JSON.stringify([{ address: 'not an address', ruleId: 'logs-kms', reason: 'legacy stack, being replaced', owner: 'o', expires: '2026-12-31' }]),
      'suppression [0] address "not an address" must be a Terraform address',
    ],
    [JSON.stringify([{ ruleId: 'logs-kms', reason: 'legacy stack, being replaced', owner: 'o', expires: '2026-12-31' }]), 'suppression [0] address undefined must be a Terraform address'],
  ])('a suppressions file %s exits 2', (content, message) => {
    const dir = plantedOutput();
    const file = path.join(path.dirname(dir), 'suppressions.json');
    fs.writeFileSync(file, content);
    const r = run([dir, '--suppressions', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test.each(['2026-99-99', '2026-02-30', '2026-6-1'])('--today %s is not a real date: exit 2', (today) => {
    const r = run([plantedOutput(), '--today', today]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--today must be a real calendar date written YYYY-MM-DD (got ${today})`);
  });

  test('a suppression expiring more than a year after --today is an error', () => {
    const dir = plantedOutput();
    const file = path.join(path.dirname(dir), 'suppressions.json');
    fs.writeFileSync(
      file,
      JSON.stringify([{ stack: 'clean', address: 'aws_cloudwatch_log_group.app', ruleId: 'logs-kms', reason: 'legacy stack, being replaced', owner: 'o', expires: '2027-06-02' }]),
    );
    const r = run([dir, '--stack', 'clean', '--suppressions', file, '--today', '2026-06-01', '--json']);
    expect(r.status).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.errors.map((e: any) => e.code)).toEqual(['SUPPRESSION_INVALID']);
    expect(report.errors[0].message).toContain('EXPIRY_TOO_FAR');
  });

  test('a directory without stacks exits 2', () => {
    const r = run([tempDir('cli-empty')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no stacks found');
  });
});
