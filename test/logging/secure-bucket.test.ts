import { Testing, TerraformStack } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { BucketEncryption, SecureBucket, kmsKeyReference } from '@rampart/core';
import { AccessLogBucket } from '@rampart/logging';
import { resourcesOfType, testStack } from '../helpers/synth';

function keyIn(stack: TerraformStack) {
  const key = new KmsKey(stack, 'key', { description: 'logs', enableKeyRotation: true });
  return kmsKeyReference({ keyArn: key.arn, keyId: key.keyId, purpose: 'logs' });
}

function one(json: any, type: string): [string, any] {
  const entries = Object.entries(resourcesOfType(json, type));
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
}

describe('SecureBucket', () => {
  test('KMS: versioned, SSE-KMS with a bucket key, every public access block, BucketOwnerEnforced, TLS-only policy', () => {
    const { stack } = testStack();
    const key = keyIn(stack);
    new SecureBucket(stack, 'data', { bucketName: 'acme-dev-data', encryption: BucketEncryption.kms(key) });
    const json = JSON.parse(Testing.synth(stack));
    const [bucketName, bucket] = one(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('acme-dev-data');
    expect(one(json, 'aws_s3_bucket_versioning')[1].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(one(json, 'aws_s3_bucket_server_side_encryption_configuration')[1].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' }, bucket_key_enabled: true },
    ]);
    expect(one(json, 'aws_s3_bucket_public_access_block')[1]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(one(json, 'aws_s3_bucket_ownership_controls')[1].rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    const [, policy] = one(json, 'aws_s3_bucket_policy');
    const arn = `\${aws_s3_bucket.${bucketName}.arn}`;
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
    expect(resourcesOfType(json, 'aws_s3_bucket_lifecycle_configuration')).toEqual({});
  });

  test('SSE-S3 only with a reason; extra statements come before the TLS deny; lifecycle depends on versioning', () => {
    const { stack } = testStack();
    const b = new SecureBucket(stack, 'alb', {
      bucketName: 'acme-dev-alb',
      encryption: BucketEncryption.s3Managed('load balancers write access logs only with SSE-S3'),
      lifecycleRules: [{ id: 'expire', status: 'Enabled', filter: [{}], expiration: [{ days: 30 }] }],
    });
    b.addToResourcePolicy({ Sid: 'Writer', Effect: 'Allow', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, Action: 's3:PutObject', Resource: `${b.bucketArn}/*` });
    const json = JSON.parse(Testing.synth(stack));
    expect(one(json, 'aws_s3_bucket_server_side_encryption_configuration')[1].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(JSON.parse(one(json, 'aws_s3_bucket_policy')[1].policy).Statement.map((s: any) => s.Sid)).toEqual(['Writer', 'DenyInsecureTransport']);
    const [, lifecycle] = one(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\./)]);
    const { stack: other } = testStack();
    expect(() => new SecureBucket(other, 'x', { bucketName: 'acme-dev-x', encryption: BucketEncryption.s3Managed(' ') })).toThrow(
      expect.objectContaining({ code: 'REQUIRED', path: 'encryption.reason' }),
    );
  });

  test('wrapped with the id Default, resource addresses are those of the wrapper (AccessLogBucket keeps its addresses)', () => {
    const { stack } = testStack();
    new AccessLogBucket(stack, 'access-logs', { bucketName: 'acme-dev-access-logs', key: keyIn(stack), sourceBucketArns: ['arn:aws:s3:::acme-dev-data'] });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(resourcesOfType(json, 'aws_s3_bucket'))).toEqual([expect.stringMatching(/^access-logs_bucket_[0-9A-F]{8}$/)]);
    expect(Object.keys(resourcesOfType(json, 'aws_s3_bucket_policy'))).toEqual([expect.stringMatching(/^access-logs_policy_[0-9A-F]{8}$/)]);
  });
});
