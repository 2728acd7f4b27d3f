import { kmsKeyReference } from '@rampart/core';
import { AnnotationMetadataEntryType, TerraformDataSource, TerraformOutput, TerraformResource, Testing } from 'cdktf';
import { RampartValidationError, RampartValidationErrors, collectOptOuts } from '@rampart/core';
import { TerraformStateStore, TerraformStateStoreProps } from '../../stacks/state-store';
import { StackJson, resourcesOfType, testStack } from '../helpers/synth';

const PROPS: TerraformStateStoreProps = {
  bucketName: 'acme-tfstate-222222222222',
  lockTableName: 'acme-tfstate-lock',
  keyAlias: 'alias/acme-bootstrap-tfstate',
  accountId: '222222222222',
  region: 'eu-central-1',
};

function synthStore(props: Partial<TerraformStateStoreProps> = {}): { json: StackJson; store: TerraformStateStore } {
  const { stack } = testStack();
  const store = new TerraformStateStore(stack, 'state', { ...PROPS, ...props });
  return { json: JSON.parse(Testing.synth(stack)), store };
}

const one = (json: StackJson, type: string): Record<string, any> => {
  const all = Object.values(resourcesOfType(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};
const policyStatements = (json: StackJson, id: string): any[] => {
  const doc = Object.entries(json.data!.aws_iam_policy_document).find(([k]) => k.includes(id))![1];
  return doc.statement;
};

describe('TerraformStateStore', () => {
  const { json } = synthStore();

  test('the state key rotates, waits 30 days before deletion and is protected from destroy', () => {
    const key = one(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle.prevent_destroy).toBe(true);
    expect(one(json, 'aws_kms_alias').name).toBe('alias/acme-bootstrap-tfstate');
  });

  test('the key policy separates administration from use, and use is only through S3 and DynamoDB of the state account', () => {
    const [admin, use, grants] = policyStatements(json, 'key-policy');
    expect(admin.principals).toEqual([{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] }]);
    expect(admin.actions).not.toEqual(expect.arrayContaining(['kms:Decrypt']));
    expect(admin.actions.filter((a: string) => /Encrypt|Decrypt|GenerateDataKey|\*$/.test(a) && !/^kms:(Create|Describe|Enable|List|Put|Update|Revoke|Disable|Get|Delete)\*$/.test(a))).toEqual([]);
    expect(use.actions).toEqual(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
    expect(use.condition).toEqual(
      expect.arrayContaining([
        { test: 'StringEquals', variable: 'kms:CallerAccount', values: ['222222222222'] },
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-central-1.amazonaws.com', 'dynamodb.eu-central-1.amazonaws.com'] },
      ]),
    );
    expect(grants.actions).toEqual(['kms:CreateGrant']);
    expect(grants.condition).toEqual(expect.arrayContaining([{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }]));
  });

  test('the bucket is versioned, KMS-encrypted with the state key, private and protected from destroy', () => {
    const bucket = one(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('acme-tfstate-222222222222');
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
    expect(bucket.force_destroy).toBeUndefined();
    expect(one(json, 'aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    const sse = one(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(sse.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.state_key_.*\.arn\}$/) });
    expect(one(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(one(json, 'aws_s3_bucket_ownership_controls').rule.object_ownership).toBe('BucketOwnerEnforced');
  });

  test('the bucket policy refuses every request without TLS', () => {
    const bucket = `\${aws_s3_bucket.${Object.keys(resourcesOfType(json, 'aws_s3_bucket'))[0]}.arn}`;
    expect(JSON.parse(one(json, 'aws_s3_bucket_policy').policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
  });

  test("the bucket keeps its addresses; the policy, now the secure bucket's, has a moved block from its old address", () => {
    expect(Object.keys(resourcesOfType(json, 'aws_s3_bucket'))).toEqual([expect.stringMatching(/^state_bucket_[0-9A-F]{8}$/)]);
    expect(Object.keys(resourcesOfType(json, 'aws_s3_bucket_versioning'))).toEqual([expect.stringMatching(/^state_versioning_[0-9A-F]{8}$/)]);
    const [policyName] = Object.keys(resourcesOfType(json, 'aws_s3_bucket_policy'));
    expect((json as any).moved).toEqual([{ from: expect.stringMatching(/^aws_s3_bucket_policy\.state_bucket-policy_[0-9A-F]{8}$/), to: `aws_s3_bucket_policy.${policyName}` }]);
  });

  test('noncurrent state versions expire after 90 days by default, or the configured time', () => {
    const rule = one(json, 'aws_s3_bucket_lifecycle_configuration').rule[0];
    expect(rule.status).toBe('Enabled');
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(rule.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 7 }]);
    const custom = synthStore({ noncurrentVersionExpirationDays: 400 }).json;
    expect(one(custom, 'aws_s3_bucket_lifecycle_configuration').rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 400 }]);
  });

  test('the lock table: LockID hash key, on demand, PITR, KMS encryption, deletion protection, prevent_destroy', () => {
    const table = one(json, 'aws_dynamodb_table');
    expect(table).toMatchObject({
      name: 'acme-tfstate-lock',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(table.server_side_encryption.enabled).toBe(true);
    expect(table.server_side_encryption.kms_key_arn).toMatch(/aws_kms_key\.state_key_.*\.arn/);
  });

  test('it is an IKmsKey with purpose state', () => {
    const { stack } = testStack();
    const store = new TerraformStateStore(stack, 'state', PROPS);
    expect(store.purpose).toBe('state');
    new TerraformOutput(stack, 'arn', { value: store.keyArn });
    new TerraformOutput(stack, 'id', { value: store.keyId });
    const out = JSON.parse(Testing.synth(stack)).output;
    expect(out.arn.value).toMatch(/^\$\{aws_kms_key\.state_key_[A-Z0-9]+\.arn\}$/);
    expect(out.id.value).toMatch(/^\$\{aws_kms_key\.state_key_[A-Z0-9]+\.key_id\}$/);
  });

  test('a state key made elsewhere is used instead of a new one, and still gets the alias backends name', () => {
    const ref = { keyArn: 'arn:aws:kms:eu-central-1:222222222222:key/11111111-2222-3333-4444-555555555555', keyId: '11111111-2222-3333-4444-555555555555', purpose: 'state' as const };
    const external = kmsKeyReference(ref);
    const { json, store } = synthStore({ key: external });
    expect(resourcesOfType(json, 'aws_kms_key')).toEqual({});
    expect(store.kmsKey).toBeUndefined();
    expect(one(json, 'aws_kms_alias')).toMatchObject({ name: 'alias/acme-bootstrap-tfstate', target_key_id: external.keyId });
    expect(one(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(external.keyArn);
    expect(one(json, 'aws_dynamodb_table').server_side_encryption.kms_key_arn).toBe(external.keyArn);
    expect(() => synthStore({ key: kmsKeyReference({ ...ref, purpose: 'pii' }) })).toThrow(expect.objectContaining({ code: 'ENUM', path: 'key.purpose' }));
  });

  test('turning off the TLS-only policy needs a reason and is reported as an opt-out', () => {
    expect(() => synthStore({ requireTls: false })).toThrow(expect.objectContaining({ code: 'REQUIRED', path: 'tlsOnlyOptOutReason' }));
    const { stack } = testStack();
    const store = new TerraformStateStore(stack, 'state', { ...PROPS, requireTls: false, tlsOnlyOptOutReason: 'the emulator cannot evaluate the condition' });
    const out = JSON.parse(Testing.synth(stack));
    expect(resourcesOfType(out, 'aws_s3_bucket_policy')).toEqual({});
    expect(store.bucketPolicy).toBeUndefined();
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['backend.state-bucket-tls-only']);
    const warnings = store.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining('[backend.state-bucket-tls-only]')]);
  });

  test.each<[string, Partial<TerraformStateStoreProps>, string, string]>([
    ['bucket name with uppercase', { bucketName: 'Acme-State' }, 'S3_NAME', 'bucketName'],
    ['lock table name with a space', { lockTableName: 'lock table' }, 'NAME_FORMAT', 'lockTableName'],
    ['alias without alias/', { keyAlias: 'acme-state' }, 'NAME_FORMAT', 'keyAlias'],
    ['reserved AWS alias', { keyAlias: 'alias/aws/s3' }, 'NAME_FORMAT', 'keyAlias'],
    ['short account id', { accountId: '1234' }, 'ACCOUNT_ID', 'accountId'],
    ['unknown region', { region: 'moon-1' }, 'REGION_UNKNOWN', 'region'],
    ['expiry of zero days', { noncurrentVersionExpirationDays: 0 }, 'OUT_OF_RANGE', 'noncurrentVersionExpirationDays'],
    ['deletion window of 6 days', { keyDeletionWindowDays: 6 }, 'OUT_OF_RANGE', 'keyDeletionWindowDays'],
  ])('rejects %s before creating anything', (_t, props, code, path) => {
    const { stack } = testStack();
    let error: unknown;
    try {
      new TerraformStateStore(stack, 'state', { ...PROPS, ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    expect(error).toMatchObject({ code, path });
    expect(stack.node.findAll().filter((c) => c instanceof TerraformResource || c instanceof TerraformDataSource)).toEqual([]);
  });

  test('several bad props are reported together', () => {
    const { stack } = testStack();
    expect(() => new TerraformStateStore(stack, 'state', { ...PROPS, bucketName: 'A', region: 'x' })).toThrow(RampartValidationErrors);
  });
});
