import { Aspects, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { DataClassBindingAspect, DataClassKeys, importKey, labelDataClass } from '@rampart/encryption';
import { testStack } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };
const ctx = { accountId: '333333333333', region: 'eu-central-1', partition: 'aws' };
const PII = { DataClassification: 'pii' };

/** How a resource is encrypted in a case: with a given key reference, with an AWS-managed key, or SSE-S3. */
type Enc = { kind: 'key'; ref: string } | { kind: 'aws-managed' } | { kind: 'sse-s3' };

/** One builder per covered resource type: creates the resource labelled pii (tag), encrypted as asked. */
const BUILDERS: Record<string, (s: Construct, enc: Enc) => void> = {
  s3: (s, enc) => {
    const bucket = new S3Bucket(s, 'data', { bucket: 'acme-dev-data', tags: PII });
    new S3BucketServerSideEncryptionConfigurationA(s, 'data-sse', {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault:
            enc.kind === 'key' ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: enc.ref } : enc.kind === 'sse-s3' ? { sseAlgorithm: 'AES256' } : { sseAlgorithm: 'aws:kms' },
        },
      ],
    });
  },
  rds: (s, enc) =>
    new DbInstance(s, 'db', {
      instanceClass: 'db.t3.micro', engine: 'postgres', allocatedStorage: 20, username: 'app', manageMasterUserPassword: true,
      storageEncrypted: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII,
    }),
  dynamodb: (s, enc) =>
    new DynamodbTable(s, 'table', {
      name: 'customers', hashKey: 'id', billingMode: 'PAY_PER_REQUEST', attribute: [{ name: 'id', type: 'S' }],
      serverSideEncryption: { enabled: true, kmsKeyArn: enc.kind === 'key' ? enc.ref : undefined }, tags: PII,
    }),
  ebs: (s, enc) => new EbsVolume(s, 'volume', { availabilityZone: 'eu-central-1a', size: 10, encrypted: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  logs: (s, enc) => new CloudwatchLogGroup(s, 'log-group', { name: '/app/customers', retentionInDays: 365, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  secretsmanager: (s, enc) => new SecretsmanagerSecret(s, 'secret', { name: 'customer-export', kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  sns: (s, enc) => new SnsTopic(s, 'topic', { name: 'customer-events', kmsMasterKeyId: enc.kind === 'key' ? enc.ref : 'alias/aws/sns', tags: PII }),
};

const ADDRESS: Record<string, RegExp> = {
  s3: /aws_s3_bucket_server_side_encryption_configuration\.data-sse/,
  rds: /aws_db_instance\.db/,
  dynamodb: /aws_dynamodb_table\.table/,
  ebs: /aws_ebs_volume\.volume/,
  logs: /aws_cloudwatch_log_group\.log-group/,
  secretsmanager: /aws_secretsmanager_secret\.secret/,
  sns: /aws_sns_topic\.topic/,
};

function stackWithKeys() {
  const { stack } = testStack();
  Aspects.of(stack).add(new DataClassBindingAspect());
  const keys = new DataClassKeys(stack, 'keys', { names, adminRoleArn: 'arn:aws:iam::333333333333:role/key-admin', ...ctx });
  return { stack: stack as TerraformStack, keys };
}

function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('data-class binding', () => {
  test.each(Object.keys(BUILDERS))('%s labelled pii and encrypted with the pii key passes', (type) => {
    const { stack, keys } = stackWithKeys();
    BUILDERS[type](stack, { kind: 'key', ref: keys.key('pii').keyArn });
    expect(synthError(stack)).toBe('');
  });

  test.each(Object.keys(BUILDERS))("%s labelled pii but encrypted with another class's key fails, naming resource, class and key", (type) => {
    const { stack, keys } = stackWithKeys();
    BUILDERS[type](stack, { kind: 'key', ref: keys.key('financial').keyArn });
    const message = synthError(stack);
    expect(message).toMatch(ADDRESS[type]);
    expect(message).toContain('holds pii data but is encrypted with the financial key alias/acme-dev-financial');
    expect(message).toContain('encrypt it with the pii key (alias/acme-dev-pii)');
  });

  test.each(Object.keys(BUILDERS))('%s labelled pii with an AWS-managed key fails', (type) => {
    const { stack } = stackWithKeys();
    BUILDERS[type](stack, { kind: 'aws-managed' });
    const message = synthError(stack);
    expect(message).toMatch(ADDRESS[type]);
    expect(message).toMatch(/holds pii data but uses .*AWS-managed key/);
  });

  test('an explicit key reference to alias/aws/... is AWS-managed too', () => {
    const { stack } = stackWithKeys();
    BUILDERS.rds(stack, { kind: 'key', ref: 'alias/aws/rds' });
    expect(synthError(stack)).toContain('uses the AWS-managed key alias/aws/rds (kms_key_id)');
  });

  test('an S3 bucket labelled pii with SSE-S3 (AES256) fails', () => {
    const { stack } = stackWithKeys();
    BUILDERS.s3(stack, { kind: 'sse-s3' });
    expect(synthError(stack)).toMatch(/aws_s3_bucket_server_side_encryption_configuration\.data-sse .* holds pii data but uses SSE-S3 \(AES256\)/);
  });

  test('an S3 bucket labelled pii with no encryption configuration at all fails as SSE-S3', () => {
    const { stack } = stackWithKeys();
    new S3Bucket(stack, 'bare', { bucket: 'acme-dev-bare', tags: PII });
    expect(synthError(stack)).toMatch(/aws_s3_bucket\.bare .* holds pii data but uses SSE-S3 \(AES256\)/);
  });

  test('RDS without storage encryption fails as unencrypted', () => {
    const { stack } = stackWithKeys();
    new DbInstance(stack, 'db', { instanceClass: 'db.t3.micro', engine: 'postgres', allocatedStorage: 20, username: 'app', manageMasterUserPassword: true, tags: PII });
    expect(synthError(stack)).toMatch(/aws_db_instance\.db .* holds pii data but is not encrypted with a customer-managed key \(storage_encrypted is not true\)/);
  });

  test('an explicit label on a parent construct applies to the resources below it and wins over tags', () => {
    const { stack, keys } = stackWithKeys();
    const group = new Construct(stack, 'billing');
    labelDataClass(group, 'financial');
    new CloudwatchLogGroup(group, 'log-group', { name: '/app/billing', retentionInDays: 365, kmsKeyId: keys.key('pii').keyArn, tags: PII });
    expect(synthError(stack)).toContain('holds financial data but is encrypted with the pii key alias/acme-dev-pii');
  });

  test('a key that cannot be tied to a class fails; importKey ties it', () => {
    const foreign = 'arn:aws:kms:eu-central-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const bad = stackWithKeys();
    BUILDERS.logs(bad.stack, { kind: 'key', ref: foreign });
    expect(synthError(bad.stack)).toContain(`is encrypted with ${foreign} (kms_key_id), a key not tied to any data class`);

    const good = stackWithKeys();
    importKey(good.stack, 'foreign', { keyArn: foreign, purpose: 'pii' });
    BUILDERS.logs(good.stack, { kind: 'key', ref: foreign });
    expect(synthError(good.stack)).toBe('');
  });

  test('the key may be referenced by id or alias as well as by ARN', () => {
    const { stack, keys } = stackWithKeys();
    new EbsVolume(stack, 'by-id', { availabilityZone: 'eu-central-1a', size: 10, encrypted: true, kmsKeyId: keys.key('pii').keyId, tags: PII });
    new SnsTopic(stack, 'by-alias', { name: 't', kmsMasterKeyId: keys.key('pii').aliasName, tags: PII });
    expect(synthError(stack)).toBe('');
  });

  test('non-sensitive classes and unlabelled resources are not checked', () => {
    const { stack } = stackWithKeys();
    new CloudwatchLogGroup(stack, 'internal', { name: '/app/internal', retentionInDays: 30, tags: { DataClassification: 'internal' } });
    new CloudwatchLogGroup(stack, 'unlabelled', { name: '/app/plain', retentionInDays: 30 });
    new S3Bucket(stack, 'confidential', { bucket: 'acme-dev-conf', tags: { DataClassification: 'confidential' } });
    expect(synthError(stack)).toBe('');
  });

  test('every failure of a stack is listed together', () => {
    const { stack, keys } = stackWithKeys();
    BUILDERS.ebs(stack, { kind: 'aws-managed' });
    BUILDERS.secretsmanager(stack, { kind: 'key', ref: keys.key('logs').keyArn });
    const message = synthError(stack);
    expect(message).toMatch(ADDRESS.ebs);
    expect(message).toMatch(ADDRESS.secretsmanager);
  });

  test('labelDataClass refuses an unknown class', () => {
    const { stack } = testStack();
    expect(() => labelDataClass(stack, 'secretish' as never)).toThrow(expect.objectContaining({ code: 'ENUM', path: 'dataClass' }));
  });
});
