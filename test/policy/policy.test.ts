import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { RampartValidationError, RampartValidationErrors, reportOptOut } from '@rampart/core';
import { evaluateStack, formatReport, latestExpiry, PolicyRule, RampartPolicy, RAMPART_BASELINE, REPORT_FILE, serializeReport, toSarif, violation } from '@rampart/policy';
import { GithubOidcDeployRole, githubEnvironmentSubject, WILDCARD_SUBJECT_OPT_OUT } from '@rampart/identity';
import { validateStack } from '../../src/terraform/run';
import { DEFAULT_TAGS, tf } from './fixtures';
import { tempDir, testStack } from '../helpers/synth';

const SUPPRESSION = { ruleId: 's3-versioning', reason: 'scratch bucket, objects are rebuilt every run', owner: 'platform-team', expires: '2026-12-31' };

/** A stack with one bucket that is compliant except for versioning, plus whatever `extra` adds. */
function bucketStack(outdir: string, extra?: (stack: TerraformStack, bucket: S3Bucket) => void): { app: App; stack: TerraformStack; bucket: S3Bucket } {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'demo');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1', defaultTags: [{ tags: DEFAULT_TAGS }] });
  const bucket = new S3Bucket(stack, 'scratch', { bucket: 'acme-scratch' });
  new S3BucketPublicAccessBlock(stack, 'scratch-pab', { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  new S3BucketServerSideEncryptionConfigurationA(stack, 'scratch-sse', { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
  new S3BucketPolicy(stack, 'scratch-policy', {
    bucket: bucket.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    }),
  });
  extra?.(stack, bucket);
  return { app, stack, bucket };
}

describe('RampartPolicy at synth', () => {
  test('a violation fails synth naming rule id, address, construct path, message and hint; nothing about it is reported as passed', () => {
    const outdir = tempDir('policy-fail');
    const { app } = bucketStack(outdir);
    RampartPolicy.apply(app);
    expect(() => app.synth()).toThrow(
      /\[demo\] policy rampart-baseline: \[s3-versioning\] aws_s3_bucket\.scratch at demo\/scratch: no aws_s3_bucket_versioning with status Enabled targets the bucket\. Hint: add an aws_s3_bucket_versioning/,
    );
    expect(fs.existsSync(path.join(outdir, 'stacks', 'demo', REPORT_FILE))).toBe(false);
  });

  test('every finding of the stack is listed together', () => {
    const { app } = bucketStack(tempDir('policy-many'), (stack) => new IamAccessKey(stack, 'key', { user: 'ci' }));
    RampartPolicy.apply(app);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[iam-no-access-keys] aws_iam_access_key.key at demo/key');
    expect(message).toContain('[s3-versioning] aws_s3_bucket.scratch');
  });

  test('a suppression with reason, owner and expiry passes synth and is listed in the deterministic report', () => {
    const outdir = tempDir('policy-suppressed');
    const { app, bucket } = bucketStack(outdir);
    RampartPolicy.suppress(bucket, SUPPRESSION);
    RampartPolicy.apply(app, { today: '2026-06-01' });
    app.synth();
    const file = path.join(outdir, 'stacks', 'demo', REPORT_FILE);
    const text = fs.readFileSync(file, 'utf8');
    const report = JSON.parse(text);
    expect(report.passed).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({
      ruleId: 's3-versioning',
      address: bucket.terraformResourceType + '.' + bucket.friendlyUniqueId,
      constructPath: 'demo/scratch',
      suppression: { reason: SUPPRESSION.reason, owner: 'platform-team', expires: '2026-12-31', source: 'construct' },
    });
    expect(report.suppressions).toEqual([
      {
        ruleId: 's3-versioning',
        address: `aws_s3_bucket.${bucket.friendlyUniqueId}`,
        reason: SUPPRESSION.reason,
        owner: 'platform-team',
        expires: '2026-12-31',
        source: 'construct',
        used: true,
        expired: false,
      },
    ]);
    // the suppression travels in cdk.tf.json under the resource's "//" comment
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'demo', 'cdk.tf.json'), 'utf8'));
    expect(json.resource.aws_s3_bucket[bucket.friendlyUniqueId]['//'].rampart_suppressions).toEqual([SUPPRESSION]);
    // deterministic: a second synth of an identical app writes identical bytes
    const outdir2 = tempDir('policy-suppressed-2');
    const second = bucketStack(outdir2);
    RampartPolicy.suppress(second.bucket, SUPPRESSION);
    RampartPolicy.apply(second.app, { today: '2026-06-01' });
    second.app.synth();
    expect(fs.readFileSync(path.join(outdir2, 'stacks', 'demo', REPORT_FILE), 'utf8')).toBe(text);
  });

  test('an expired suppression fails synth', () => {
    const { app, bucket } = bucketStack(tempDir('policy-expired'));
    RampartPolicy.suppress(bucket, { ...SUPPRESSION, expires: '2026-05-31' });
    RampartPolicy.apply(app, { today: '2026-06-01' });
    expect(() => app.synth()).toThrow(/\[SUPPRESSION_EXPIRED\] aws_s3_bucket\.scratch\w*: suppression of s3-versioning on aws_s3_bucket\.scratch\w* \(owner platform-team\) expired on 2026-05-31/);
  });

  test('a suppression is valid through its expiry day', () => {
    const { app, bucket } = bucketStack(tempDir('policy-last-day'));
    RampartPolicy.suppress(bucket, { ...SUPPRESSION, expires: '2026-06-01' });
    RampartPolicy.apply(app, { today: '2026-06-01' });
    expect(() => app.synth()).not.toThrow();
  });

  test.each([
    ['REASON_TOO_SHORT', 'demo/scratch.suppressions[0].reason', { ...SUPPRESSION, reason: 'because' }],
    ['OWNER_MISSING', 'demo/scratch.suppressions[0].owner', { ...SUPPRESSION, owner: '' }],
    ['INVALID_DATE', 'demo/scratch.suppressions[0].expires', { ...SUPPRESSION, expires: '2026-02-30' }],
    ['UNKNOWN_RULE', 'demo/scratch.suppressions[0].ruleId', { ...SUPPRESSION, ruleId: 'no-such-rule' }],
    ['UNSUPPRESSIBLE_RULE', 'demo/scratch.suppressions[0].ruleId', { ...SUPPRESSION, ruleId: 's3-sensitive-public-access-block' }],
    // more than a year after today (UTC) whenever this runs before 2098
    ['EXPIRY_TOO_FAR', 'demo/scratch.suppressions[0].expires', { ...SUPPRESSION, expires: '2099-12-31' }],
  ])('suppress() rejects a bad suppression with %s at %s', (code, p, s) => {
    const { bucket } = bucketStack(tempDir('policy-bad'));
    let error: unknown;
    try {
      RampartPolicy.suppress(bucket, s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    expect((error as RampartValidationError).code).toBe(code);
    expect((error as RampartValidationError).path).toBe(p);
  });

  test('access keys can never be suppressed', () => {
    const { stack } = bucketStack(tempDir('policy-key'));
    const key = new IamAccessKey(stack, 'key', { user: 'ci' });
    expect(() => RampartPolicy.suppress(key, { ...SUPPRESSION, ruleId: 'iam-no-access-keys' })).toThrow(/can never be suppressed.*iam-no-access-keys.*UNSUPPRESSIBLE_RULE/);
  });

  test('a suppression smuggled into the JSON for an unsuppressible rule is an error, and the finding stays', () => {
    const json = tf({ aws_iam_access_key: { k: { user: 'ci', '//': { rampart_suppressions: [{ ...SUPPRESSION, ruleId: 'iam-no-access-keys' }] } } } });
    const report = evaluateStack(json, { pack: RAMPART_BASELINE, stackName: 's', today: '2026-01-01' });
    expect(report.passed).toBe(false);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['iam-no-access-keys aws_iam_access_key.k']);
    expect(report.errors.map((e) => `${e.code} ${e.ruleId}`)).toEqual(['SUPPRESSION_INVALID iam-no-access-keys']);
  });

  test('a suppression can target one finding of a rule on a resource', () => {
    const json = tf({
      aws_security_group: {
        mgmt: {
          name: 'mgmt',
          vpc_id: 'x',
          ingress: [
            { protocol: 'all', from_port: 0, to_port: 0, self: true },
            { protocol: '-1', from_port: 0, to_port: 0, security_groups: ['sg-1'] },
          ],
        },
      },
    });
    const report = evaluateStack(json, {
      pack: RAMPART_BASELINE,
      stackName: 's',
      today: '2026-01-01',
      suppressions: [
        { address: 'aws_security_group.mgmt', ruleId: 'sg-no-all-protocols-ingress', finding: 'ingress[0]', reason: 'cluster members talk on many ports', owner: 'net', expires: '2026-12-31' },
      ],
    });
    expect(report.suppressed.map((f) => f.finding)).toEqual(['ingress[0]']);
    expect(report.findings.filter((f) => f.ruleId === 'sg-no-all-protocols-ingress').map((f) => f.finding)).toEqual(['ingress[1]']);
  });

  test('addressed suppressions are checked when applied', () => {
    const { app } = bucketStack(tempDir('policy-list'));
    expect(() => RampartPolicy.apply(app, { suppressions: [{ ...SUPPRESSION, address: 'not an address', reason: 'short' }] })).toThrow(RampartValidationErrors);
  });

  test('suppression expiry is capped at one year after the day it is judged', () => {
    const json = tf({ aws_s3_bucket: { b: { bucket: 'b', '//': { rampart_suppressions: [{ ...SUPPRESSION, expires: '2027-06-02' }] } } } });
    const on = (today: string) => evaluateStack(json, { pack: RAMPART_BASELINE, stackName: 's', today });
    expect(on('2026-06-01').errors.map((e) => `${e.code} ${e.ruleId}`)).toEqual(['SUPPRESSION_INVALID s3-versioning']);
    expect(on('2026-06-01').errors[0].message).toContain('EXPIRY_TOO_FAR');
    expect(on('2026-06-02').errors).toEqual([]);
    expect(latestExpiry('2028-02-29')).toBe('2029-02-28');
    const { app, bucket } = bucketStack(tempDir('policy-cap'));
    let error: unknown;
    try {
      RampartPolicy.apply(app, { today: '2026-06-01', suppressions: [{ ...SUPPRESSION, address: `aws_s3_bucket.${bucket.friendlyUniqueId}`, expires: '2027-06-02' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    expect((error as RampartValidationError).code).toBe('EXPIRY_TOO_FAR');
    expect((error as RampartValidationError).path).toBe('suppressions[0].expires');
  });

  test('addressed suppressions must be objects', () => {
    const { app } = bucketStack(tempDir('policy-null'));
    let error: unknown;
    try {
      RampartPolicy.apply(app, { suppressions: [null as any] });
    } catch (e) {
      error = e;
    }
    expect((error as RampartValidationError).code).toBe('TYPE');
    expect((error as RampartValidationError).path).toBe('suppressions[0]');
  });

  test('addressed suppressions apply to the named stack only', () => {
    const outdir = tempDir('policy-list-ok');
    const { app, bucket } = bucketStack(outdir);
    const address = `aws_s3_bucket.${bucket.friendlyUniqueId}`;
    RampartPolicy.apply(app, { today: '2026-06-01', suppressions: [{ ...SUPPRESSION, address, stack: 'other' }] });
    expect(() => app.synth()).toThrow(/s3-versioning/);
    const again = bucketStack(tempDir('policy-list-ok2'));
    RampartPolicy.apply(again.app, { today: '2026-06-01', suppressions: [{ ...SUPPRESSION, address, stack: 'demo' }] });
    expect(() => again.app.synth()).not.toThrow();
  });

  test('opt-outs recorded with reportOptOut are listed in the report', () => {
    const outdir = tempDir('policy-optout');
    const { app, stack } = bucketStack(outdir, (s, bucket) => {
      new S3BucketVersioningA(s, 'v', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    });
    reportOptOut(stack, { id: 'demo.no-access-logs', message: 'access logging is off', reason: 'scratch data only' });
    RampartPolicy.apply(app);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'demo', REPORT_FILE), 'utf8'));
    expect(report.optOuts).toEqual([{ id: 'demo.no-access-logs', path: 'demo', message: 'access logging is off', reason: 'scratch data only' }]);
    expect(report.summary).toMatchObject({ findings: 0, optOuts: 1 });
  });

  test('an opt-out waives only the rules that name it in waivedBy, for resources at or below its path, and is reported as waived', () => {
    const bare = { '//': { metadata: { path: 'demo/legacy/role' } }, assume_role_policy: '{}' };
    const beside = { '//': { metadata: { path: 'demo/legacyx/role' } }, assume_role_policy: '{}' };
    const json = tf({ aws_iam_role: { bare, beside } });
    const noBoundary: PolicyRule = {
      id: 'demo-no-boundary',
      title: 'demo',
      area: 'iam',
      severity: 'high',
      suppressible: true,
      waivedBy: ['demo.exempt'],
      mappings: {},
      hint: 'h',
      resourceTypes: ['aws_iam_role'],
      check: () => violation('no boundary'),
    };
    const notWaivable: PolicyRule = { ...noBoundary, id: 'demo-other', waivedBy: undefined };
    const pack = { name: 'demo', description: 'demo', rules: [noBoundary, notWaivable] };
    const optOuts = [{ id: 'demo.exempt', path: 'demo/legacy', message: 'exempt', reason: 'vendor-managed roles' }];
    const report = evaluateStack(json, { pack, stackName: 'demo', today: '2026-01-01', optOuts });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['demo-no-boundary aws_iam_role.beside', 'demo-other aws_iam_role.bare', 'demo-other aws_iam_role.beside']);
    expect(report.waived).toEqual([
      expect.objectContaining({ ruleId: 'demo-no-boundary', address: 'aws_iam_role.bare', optOut: { id: 'demo.exempt', path: 'demo/legacy', reason: 'vendor-managed roles' } }),
    ]);
    expect(report.summary).toMatchObject({ waived: 1, findings: 3 });
    expect(formatReport(report)).toContain('waived [demo-no-boundary] aws_iam_role.bare by opt-out demo.exempt at demo/legacy: vendor-managed roles');
    const sarif = JSON.parse(toSarif([{ report, file: 'demo/cdk.tf.json' }], pack, '0.0.0'));
    const waivedResult = sarif.runs[0].results.find((r: any) => r.ruleId === 'demo-no-boundary' && r.suppressions);
    expect(waivedResult.suppressions[0].justification).toBe('opt-out demo.exempt at demo/legacy: vendor-managed roles');
  });

  test('production rules follow the production option', () => {
    const json = tf({ aws_db_instance: { db: { storage_encrypted: true, kms_key_id: 'k', backup_retention_period: 7, iam_database_authentication_enabled: true } } });
    const ids = (production: boolean) => evaluateStack(json, { pack: RAMPART_BASELINE, stackName: 's', production }).findings.map((f) => f.ruleId);
    expect(ids(false)).toEqual([]);
    expect(ids(true)).toEqual(['rds-deletion-protection', 'rds-multi-az-production', 'state-backend-remote-in-production']);
  });

  test('the stack that creates the state store may keep local state until migrated; no other production stack may', () => {
    const json = tf({});
    const ids = (stateBootstrap: boolean) => evaluateStack(json, { pack: RAMPART_BASELINE, stackName: 'bootstrap', production: true, stateBootstrap }).findings.map((f) => f.ruleId);
    expect(ids(false)).toEqual(['state-backend-remote-in-production']);
    expect(ids(true)).toEqual([]);
  });

  test('a stack created after apply() fails synth instead of escaping the policy', () => {
    const app = Testing.app();
    RampartPolicy.apply(app);
    const late = new TerraformStack(app, 'late');
    new AwsProvider(late, 'aws', { region: 'eu-central-1' });
    expect(() => app.synth()).toThrow(/stack late was created after RampartPolicy.apply\(\)/);
  });

  test('applying twice to a stack is an error', () => {
    const { stack } = bucketStack(tempDir('policy-twice'));
    RampartPolicy.apply(stack);
    expect(() => RampartPolicy.apply(stack)).toThrow(/already applied.*DUPLICATE/);
  });

  test('the report serialisation is stable: sorted findings, fixed key order', () => {
    const json = tf({ aws_s3_bucket: { b: { bucket: 'b' }, a: { bucket: 'a' } } });
    const a = serializeReport(evaluateStack(json, { pack: RAMPART_BASELINE, stackName: 's', today: '2026-01-01' }));
    const reordered = tf({ aws_s3_bucket: { a: { bucket: 'a' }, b: { bucket: 'b' } } });
    expect(serializeReport(evaluateStack(reordered, { pack: RAMPART_BASELINE, stackName: 's', today: '2026-02-01' }))).toBe(a);
    const findings = JSON.parse(a).findings.map((f: any) => `${f.ruleId} ${f.address}`);
    expect(findings).toEqual([...findings].sort());
  });

  test('terraform validate accepts a stack carrying suppressions', async () => {
    const outdir = tempDir('policy-validate');
    const { app, bucket } = bucketStack(outdir);
    RampartPolicy.suppress(bucket, SUPPRESSION);
    RampartPolicy.apply(app, { today: '2026-06-01' });
    app.synth();
    await validateStack(path.join(outdir, 'stacks', 'demo'), 'demo');
  }, 120000);
});

describe('addressed suppressions', () => {
  test('may target the backend block', () => {
    const json = tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true, use_lockfile: true } } } });
    const report = evaluateStack(json, {
      pack: RAMPART_BASELINE,
      stackName: 's',
      today: '2026-01-01',
      suppressions: [{ address: 'terraform.backend.s3', ruleId: 'backend-s3-kms', reason: 'the state bucket uses its own bucket key policy', owner: 'platform-team', expires: '2026-03-01' }],
    });
    expect(report.passed).toBe(true);
    expect(report.suppressed.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['backend-s3-kms terraform.backend.s3']);
    const app = Testing.app();
    expect(() =>
      RampartPolicy.apply(app, {
        suppressions: [{ address: 'terraform.backend.s3', ruleId: 'backend-s3-kms', reason: 'the state bucket uses its own key', owner: 'platform-team', expires: '2026-03-01' }],
      }),
    ).not.toThrow();
  });
});

describe('a GitHub deploy role with reasoned wildcard subjects (identity opt-out)', () => {
  const provider = { providerArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' };
  const build = () => {
    const { stack } = testStack();
    const role = new GithubOidcDeployRole(stack, 'deploy', {
      roleName: 'deploy',
      provider,
      subjects: [githubEnvironmentSubject({ owner: 'acme', repository: 'infrastructure' }, 'prod'), 'repo:acme/infrastructure:ref:*'],
      allowWildcardSubjects: { reason: 'every branch deploys a preview stack' },
    });
    return { stack, role };
  };

  test('is still reported by iam-oidc-trust-pinned, and the opt-out is listed', () => {
    const { stack } = build();
    const report = RampartPolicy.evaluate(stack as TerraformStack, { today: '2026-06-01' });
    expect(report.findings.filter((f) => f.ruleId === 'iam-oidc-trust-pinned').map((f) => f.finding)).toEqual(['GithubActionsSubjectPatterns']);
    expect(report.optOuts.map((o) => o.id)).toEqual([WILDCARD_SUBJECT_OPT_OUT]);
  });

  test('a suppression of that finding silences it', () => {
    const { stack, role } = build();
    RampartPolicy.suppress(role.role, {
      ruleId: 'iam-oidc-trust-pinned',
      finding: 'GithubActionsSubjectPatterns',
      reason: 'preview stacks deploy from every branch',
      owner: 'platform-team',
      expires: '2026-12-31',
    });
    const report = RampartPolicy.evaluate(stack as TerraformStack, { today: '2026-06-01' });
    expect(report.findings.filter((f) => f.ruleId === 'iam-oidc-trust-pinned')).toEqual([]);
    expect(report.suppressed.map((f) => `${f.ruleId} ${f.finding}`)).toEqual(['iam-oidc-trust-pinned GithubActionsSubjectPatterns']);
  });
});
