import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RampartValidationError, RampartValidationErrors, collectOptOuts, resourcesOf } from '@rampart/core';
import { AccessLogBucket, AuditTrail, AuditTrailProps, RetentionPolicy } from '@rampart/logging';
import { validateStack } from '../../src/terraform/run';
import { StackJson, resourcesOfType, tempDir, testStack } from '../helpers/synth';
import { errorOf, only, testKey, warningsOf } from './helpers';

const names = { prefix: 'acme', environment: 'org' };
/** The trail's own ARN as Terraform will resolve it: partition, region and account from data sources. */
const TRAIL_ARN = /^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:cloudtrail:\$\{data\.aws_region\.[^}]+\.name\}:\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:trail\/acme-org-audit-trail$/;

function build(props: Partial<AuditTrailProps> = {}): { json: StackJson; trail: AuditTrail; stack: TerraformStack; app: App } {
  const { app, stack } = testStack();
  const trail = new AuditTrail(stack, 'audit', { names, key: testKey(stack), bucketSuffix: '111111111111', ...props });
  return { json: JSON.parse(Testing.synth(stack)), trail, stack, app };
}

const byName = (json: StackJson, type: string, bucketRef: string): Record<string, any> => {
  const match = Object.values(resourcesOfType(json, type)).filter((r) => String(r.bucket).includes(bucketRef));
  if (match.length !== 1) throw new Error(`expected one ${type} for ${bucketRef}, found ${match.length}`);
  return match[0];
};

describe('AuditTrail', () => {
  const { json, trail } = build();
  const trailJson = only(resourcesOfType(json, 'aws_cloudtrail'));
  const buckets = resourcesOfType(json, 'aws_s3_bucket');
  const auditBucketId = Object.keys(buckets).find((k) => buckets[k].bucket === 'acme-org-audit-trail-111111111111')!;
  const accessBucketId = Object.keys(buckets).find((k) => buckets[k].bucket === 'acme-org-audit-access-logs-111111111111')!;

  test('the trail is multi-region, validates log files, records global services and is KMS-encrypted', () => {
    expect(trailJson).toMatchObject({
      name: 'acme-org-audit-trail',
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      include_global_service_events: true,
      enable_logging: true,
      is_organization_trail: false,
      kms_key_id: '${aws_kms_key.logs-key.arn}',
      s3_bucket_name: `\${aws_s3_bucket.${auditBucketId}.bucket}`,
      event_selector: [{ read_write_type: 'All', include_management_events: true }],
    });
    expect(trailJson.advanced_event_selector).toBeUndefined();
  });

  test('the trail delivers to its encrypted log group through a role scoped to that group', () => {
    const groupId = Object.keys(resourcesOfType(json, 'aws_cloudwatch_log_group'))[0];
    const group = only(resourcesOfType(json, 'aws_cloudwatch_log_group'));
    expect(group).toMatchObject({ name: '/aws/cloudtrail/acme-org-audit-trail', retention_in_days: 365, kms_key_id: '${aws_kms_key.logs-key.arn}' });
    expect(trailJson.cloud_watch_logs_group_arn).toBe(`\${aws_cloudwatch_log_group.${groupId}.arn}:*`);
    const roleId = Object.keys(resourcesOfType(json, 'aws_iam_role'))[0];
    expect(trailJson.cloud_watch_logs_role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);

    const role = only(resourcesOfType(json, 'aws_iam_role'));
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceArn': expect.stringMatching(TRAIL_ARN) } },
      }),
    ]);
    const policy = JSON.parse(only(resourcesOfType(json, 'aws_iam_role_policy')).policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `\${aws_cloudwatch_log_group.${groupId}.arn}:log-stream:*` }),
    ]);
  });

  test('the trail is created after its bucket policy and delivery policy', () => {
    expect(trailJson.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\./), expect.stringMatching(/^aws_iam_role_policy\./)]));
  });

  test('the trail bucket: versioning, Object Lock, SSE-KMS with a bucket key, all public access blocks, no ACLs', () => {
    expect(buckets[auditBucketId].object_lock_enabled).toBe(true);
    expect(byName(json, 'aws_s3_bucket_versioning', auditBucketId).versioning_configuration).toEqual({ status: 'Enabled' });
    expect(byName(json, 'aws_s3_bucket_server_side_encryption_configuration', auditBucketId).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.logs-key.arn}' }, bucket_key_enabled: true },
    ]);
    expect(byName(json, 'aws_s3_bucket_public_access_block', auditBucketId)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(byName(json, 'aws_s3_bucket_ownership_controls', auditBucketId).rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('Object Lock defaults to COMPLIANCE for the 7-year life of the records', () => {
    expect(byName(json, 'aws_s3_bucket_object_lock_configuration', auditBucketId).rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 2557 } });
    expect(trail.objectLockMode).toBe('COMPLIANCE');
  });

  test('non-production records default to GOVERNANCE; mode and days can be set', () => {
    const dev = build({ production: false });
    expect(only(resourcesOfType(dev.json, 'aws_s3_bucket_object_lock_configuration')).rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: 2557 });
    const custom = build({ production: false, objectLockMode: 'COMPLIANCE', objectLockDays: 365 });
    expect(only(resourcesOfType(custom.json, 'aws_s3_bucket_object_lock_configuration')).rule.default_retention).toEqual({ mode: 'COMPLIANCE', days: 365 });
    expect(warningsOf(custom.stack)).toEqual([]);
  });

  test('the bucket policy denies non-TLS requests and admits only CloudTrail for this trail', () => {
    const policy = JSON.parse(byName(json, 'aws_s3_bucket_policy', auditBucketId).policy);
    const deny = policy.Statement.filter((s: any) => s.Effect === 'Deny');
    expect(deny).toEqual([expect.objectContaining({ Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    const allows = policy.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allows.map((s: any) => s.Action).sort()).toEqual(['s3:GetBucketAcl', 's3:PutObject']);
    for (const s of allows) {
      expect(s.Principal).toEqual({ Service: 'cloudtrail.amazonaws.com' });
      expect(s.Condition.StringEquals['aws:SourceArn']).toMatch(TRAIL_ARN);
    }
    expect(allows.find((s: any) => s.Action === 's3:PutObject').Resource).toBe(`\${aws_s3_bucket.${auditBucketId}.arn}/AWSLogs/*`);
  });

  test('lifecycle: 365 days hot, then GLACIER, then expiry at 7 years that really removes the records', () => {
    const rules = byName(json, 'aws_s3_bucket_lifecycle_configuration', auditBucketId).rule;
    expect(rules).toHaveLength(2);
    // The current version expires at the retention (a delete marker in this versioned bucket) ...
    expect(rules[0]).toEqual({
      id: 'archive-then-expire',
      status: 'Enabled',
      filter: [{}],
      transition: [{ days: 365, storage_class: 'GLACIER' }],
      expiration: [{ days: 2557 }],
      // ... the noncurrent version it leaves goes a day later, not another 7 years later ...
      noncurrent_version_expiration: [{ noncurrent_days: 1 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    // ... and the delete marker left with no version behind it is removed by a rule of its own
    // (S3 refuses expired_object_delete_marker together with days in one expiration block).
    expect(rules[1]).toEqual({ id: 'remove-expired-delete-markers', status: 'Enabled', filter: [{}], expiration: [{ expired_object_delete_marker: true }] });
    for (const rule of rules) {
      for (const e of rule.expiration) expect('days' in e && 'expired_object_delete_marker' in e).toBe(false);
    }
  });

  test('the Object Lock period never outlasts the expiry, so the lifecycle can delete every version', () => {
    const lock = only(resourcesOfType(json, 'aws_s3_bucket_object_lock_configuration')).rule.default_retention.days;
    const rule = byName(json, 'aws_s3_bucket_lifecycle_configuration', auditBucketId).rule[0];
    expect(lock).toBeLessThanOrEqual(rule.expiration[0].days);
    const e = errorOf(() => build({ objectLockDays: 2558 }));
    expect({ code: e.code, path: e.path }).toEqual({ code: 'OUT_OF_RANGE', path: 'objectLockDays' });
    expect(e.rule).toContain('2557');
  });

  test('lifecycle and log group take their numbers from the retention policy', () => {
    const custom = build({ retention: new RetentionPolicy({ cloudTrailDays: 400, cloudTrailArchiveDays: 3653 }), archiveStorageClass: 'DEEP_ARCHIVE' });
    const buckets2 = resourcesOfType(custom.json, 'aws_s3_bucket_lifecycle_configuration');
    const rule = Object.values(buckets2).find((r) => r.rule[0].id === 'archive-then-expire')!.rule[0];
    expect(rule.transition).toEqual([{ days: 400, storage_class: 'DEEP_ARCHIVE' }]);
    expect(rule.expiration).toEqual([{ days: 3653 }]);
    expect(only(resourcesOfType(custom.json, 'aws_cloudwatch_log_group')).retention_in_days).toBe(400);
    expect(only(resourcesOfType(custom.json, 'aws_s3_bucket_object_lock_configuration')).rule.default_retention.days).toBe(3653);
  });

  test('server access logs of the trail bucket go to a separate bucket', () => {
    expect(accessBucketId).toBeDefined();
    expect(accessBucketId).not.toBe(auditBucketId);
    const logging = only(resourcesOfType(json, 'aws_s3_bucket_logging'));
    expect(logging.bucket).toBe(`\${aws_s3_bucket.${auditBucketId}.id}`);
    expect(logging.target_bucket).toBe(`\${aws_s3_bucket.${accessBucketId}.bucket}`);
  });

  test('the access log bucket: versioning, SSE-KMS, public access blocks, TLS-only, only S3 logging of this account, its own lifecycle, no Object Lock', () => {
    expect(buckets[accessBucketId].object_lock_enabled).toBeUndefined();
    expect(byName(json, 'aws_s3_bucket_versioning', accessBucketId).versioning_configuration).toEqual({ status: 'Enabled' });
    expect(byName(json, 'aws_s3_bucket_server_side_encryption_configuration', accessBucketId).rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(byName(json, 'aws_s3_bucket_public_access_block', accessBucketId)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = JSON.parse(byName(json, 'aws_s3_bucket_policy', accessBucketId).policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: {
          StringEquals: { 'aws:SourceAccount': expect.stringContaining('account_id') },
          // Only for the trail bucket: its ARN built from the partition and its name.
          ArnLike: { 'aws:SourceArn': [expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:s3:::acme-org-audit-trail-111111111111$/)] },
        },
      }),
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    const rules = byName(json, 'aws_s3_bucket_lifecycle_configuration', accessBucketId).rule;
    expect(rules).toEqual([
      {
        id: 'expire-access-logs',
        status: 'Enabled',
        filter: [{}],
        expiration: [{ days: 365 }],
        noncurrent_version_expiration: [{ noncurrent_days: 1 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
      { id: 'remove-expired-delete-markers', status: 'Enabled', filter: [{}], expiration: [{ expired_object_delete_marker: true }] },
    ]);
    expect(Object.values(resourcesOfType(json, 'aws_s3_bucket_object_lock_configuration'))).toHaveLength(1);
  });

  test('S3 data events use advanced selectors that keep management events and skip the trail bucket', () => {
    const { json: j } = build({ s3DataEvents: true });
    const t = only(resourcesOfType(j, 'aws_cloudtrail'));
    expect(t.event_selector).toBeUndefined();
    expect(t.advanced_event_selector).toEqual([
      { name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
      {
        name: 'S3 data events',
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::S3::Object'] },
          { field: 'resources.ARN', not_starts_with: [expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}\/$/)] },
        ],
      },
    ]);
  });

  test('an organisation trail is a prop', () => {
    expect(only(resourcesOfType(build({ organizationTrail: true }).json, 'aws_cloudtrail')).is_organization_trail).toBe(true);
  });

  test('opt-out: enableLogging false stops the trail and warns', () => {
    const off = build({ enableLogging: false });
    expect(only(resourcesOfType(off.json, 'aws_cloudtrail')).enable_logging).toBe(false);
    expect(warningsOf(off.stack)).toEqual([expect.stringContaining('[logging.audit-trail.logging-disabled]')]);
    expect(collectOptOuts(off.stack).map((o) => o.id)).toEqual(['logging.audit-trail.logging-disabled']);
    expect(warningsOf(build().stack)).toEqual([]);
  });

  test('opt-out: GOVERNANCE mode for production records warns', () => {
    const gov = build({ production: true, objectLockMode: 'GOVERNANCE' });
    expect(warningsOf(gov.stack)).toEqual([expect.stringContaining('[logging.audit-trail.governance-lock]')]);
  });

  test.each([
    ['a key that is not the logs key', { purpose: 'pii' }, 'KEY_PURPOSE', 'key.purpose'],
    ['Object Lock days of zero', { objectLockDays: 0 }, 'OUT_OF_RANGE', 'objectLockDays'],
    ['Object Lock longer than the records live', { objectLockDays: 3000 }, 'OUT_OF_RANGE', 'objectLockDays'],
    ['an unknown Object Lock mode', { objectLockMode: 'STRICT' }, 'ENUM', 'objectLockMode'],
    ['an unknown archive class', { archiveStorageClass: 'STANDARD_IA' }, 'ENUM', 'archiveStorageClass'],
    ['a bucket suffix S3 refuses', { bucketSuffix: 'Prod_1' }, 'S3_NAME', 'bucketName'],
  ])('%s is a typed error before any resource exists', (_t, props: any, code, errPath) => {
    const { stack } = testStack();
    const { purpose, ...rest } = props;
    const key = testKey(stack, purpose ?? 'logs');
    const e = errorOf(() => new AuditTrail(stack, 'audit', { names, key, bucketSuffix: '111111111111', ...rest }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e).not.toBeInstanceOf(RampartValidationErrors);
    expect({ code: e.code, path: e.path }).toEqual({ code, path: errPath });
    const audit = stack.node.tryFindChild('audit');
    expect(audit ? resourcesOf(audit) : []).toEqual([]);
  });

  test('terraform validate passes with data events on', async () => {
    const outdir = tempDir('audit-trail');
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'audit');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    new AuditTrail(stack, 'audit', { names, key: testKey(stack), bucketSuffix: '111111111111', s3DataEvents: true, organizationTrail: true });
    app.synth();
    await validateStack(path.join(outdir, 'stacks', 'audit'), 'audit-trail');
  }, 120000);
});

describe('AccessLogBucket', () => {
  const source = 'arn:aws:s3:::acme-dev-data-111111111111';

  test('admits S3 log delivery only for the listed source buckets', () => {
    const { stack } = testStack();
    new AccessLogBucket(stack, 'access', { bucketName: 'acme-dev-access-logs', key: testKey(stack), sourceBucketArns: [source, 'arn:aws:s3:::acme-dev-other'] });
    const policy = JSON.parse(only(resourcesOfType(JSON.parse(Testing.synth(stack)), 'aws_s3_bucket_policy')).policy);
    expect(policy.Statement[0].Condition.ArnLike).toEqual({ 'aws:SourceArn': [source, 'arn:aws:s3:::acme-dev-other'] });
  });

  test.each([
    ['no source bucket', [], 'TYPE', 'sourceBucketArns'],
    ['a source that is not an S3 bucket ARN', [source, 'arn:aws:s3:::bucket/prefix/*'], 'ARN_FORMAT', 'sourceBucketArns[1]'],
    ['a bare bucket name', ['acme-dev-data'], 'ARN_FORMAT', 'sourceBucketArns[0]'],
  ])('%s is a typed error', (_t, arns: string[], code, errPath) => {
    const { stack } = testStack();
    const e = errorOf(() => new AccessLogBucket(stack, 'access', { bucketName: 'acme-dev-access-logs', key: testKey(stack), sourceBucketArns: arns }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path: errPath });
    const access = stack.node.tryFindChild('access');
    expect(access ? resourcesOf(access) : []).toEqual([]);
  });
});

describe('AuditTrail delivering to a bucket of another account', () => {
  const external = { bucketName: 'acme-log-archive-org-trail-666666666666', keyArn: 'arn:aws:kms:eu-central-1:666666666666:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
  const { json, trail } = build({ externalBucket: external, s3DataEvents: true, organizationTrail: true });
  const t = only(resourcesOfType(json, 'aws_cloudtrail'));

  test("creates no bucket here and writes to the named bucket with the other account's key", () => {
    expect(resourcesOfType(json, 'aws_s3_bucket')).toEqual({});
    expect(trail.bucket).toBeUndefined();
    expect(trail.accessLogBucket).toBeUndefined();
    expect(trail.bucketName).toBe(external.bucketName);
    expect(t).toMatchObject({ s3_bucket_name: external.bucketName, kms_key_id: external.keyArn, is_organization_trail: true });
    // The data-event selector still leaves out the trail's own bucket.
    const data = t.advanced_event_selector.find((s: any) => s.name === 'S3 data events');
    expect(JSON.stringify(data)).toContain(`:s3:::${external.bucketName}/`);
  });

  test('the local logs key gets no CloudTrail statement (it still encrypts the log group)', () => {
    const keyPolicy = JSON.stringify(Object.values(resourcesOfType(json, 'aws_kms_key')).map((k) => k.policy));
    expect(keyPolicy).not.toContain('cloudtrail.amazonaws.com');
    expect(only(resourcesOfType(json, 'aws_cloudwatch_log_group')).kms_key_id).toMatch(/aws_kms_key/);
  });
});
