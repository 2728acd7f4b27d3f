import { synthError } from '../helpers/assertions';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { EbsSnapshotCopy } from '@cdktf/provider-aws/lib/ebs-snapshot-copy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { DataClassKeys, importKey, labelDataClass } from '@rampart/encryption';
import { NO_DATA_TYPES, PolicyPack, RampartPolicy, encryptionDataClassBinding } from '@rampart/policy';
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
      instanceClass: 'db.t3.micro',
      engine: 'postgres',
      allocatedStorage: 20,
      username: 'app',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      kmsKeyId: enc.kind === 'key' ? enc.ref : undefined,
      tags: PII,
    }),
  dynamodb: (s, enc) =>
    new DynamodbTable(s, 'table', {
      name: 'customers',
      hashKey: 'id',
      billingMode: 'PAY_PER_REQUEST',
      attribute: [{ name: 'id', type: 'S' }],
      serverSideEncryption: { enabled: true, kmsKeyArn: enc.kind === 'key' ? enc.ref : undefined },
      tags: PII,
    }),
  ebs: (s, enc) => new EbsVolume(s, 'volume', { availabilityZone: 'eu-central-1a', size: 10, encrypted: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  logs: (s, enc) => new CloudwatchLogGroup(s, 'log-group', { name: '/app/customers', retentionInDays: 365, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  secretsmanager: (s, enc) => new SecretsmanagerSecret(s, 'secret', { name: 'customer-export', kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  sns: (s, enc) => new SnsTopic(s, 'topic', { name: 'customer-events', kmsMasterKeyId: enc.kind === 'key' ? enc.ref : 'alias/aws/sns', tags: PII }),
  sqs: (s, enc) => new SqsQueue(s, 'queue', { name: 'customer-jobs', kmsMasterKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  ssm: (s, enc) => new SsmParameter(s, 'parameter', { name: '/app/customer-salt', type: 'SecureString', value: 'x', keyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  efs: (s, enc) => new EfsFileSystem(s, 'files', { encrypted: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  kinesis: (s, enc) => new KinesisStream(s, 'stream', { name: 'customer-events', encryptionType: 'KMS', kmsKeyId: enc.kind === 'key' ? enc.ref : 'alias/aws/kinesis', tags: PII }),
  elasticache: (s, enc) =>
    new ElasticacheReplicationGroup(s, 'cache', {
      replicationGroupId: 'customers',
      description: 'customer sessions',
      atRestEncryptionEnabled: 'true',
      kmsKeyId: enc.kind === 'key' ? enc.ref : undefined,
      tags: PII,
    }),
  opensearch: (s, enc) => new OpensearchDomain(s, 'search', { domainName: 'customers', encryptAtRest: { enabled: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined }, tags: PII }),
  backup: (s, enc) => new BackupVault(s, 'vault', { name: 'customers', kmsKeyArn: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  'ebs-snapshot-copy': (s, enc) =>
    new EbsSnapshotCopy(s, 'snapshot', { sourceRegion: 'eu-west-1', sourceSnapshotId: 'snap-0123456789abcdef0', encrypted: true, kmsKeyId: enc.kind === 'key' ? enc.ref : undefined, tags: PII }),
  lambda: (s, enc) =>
    new LambdaFunction(s, 'function', {
      functionName: 'customer-export',
      role: 'arn:aws:iam::333333333333:role/export',
      runtime: 'python3.12',
      handler: 'main.handler',
      filename: 'export.zip',
      environment: { variables: { TABLE: 'customers' } },
      kmsKeyArn: enc.kind === 'key' ? enc.ref : undefined,
      tags: PII,
    }),
};

const ADDRESS: Record<string, RegExp> = {
  s3: /aws_s3_bucket_server_side_encryption_configuration\.data-sse/,
  rds: /aws_db_instance\.db/,
  dynamodb: /aws_dynamodb_table\.table/,
  ebs: /aws_ebs_volume\.volume/,
  logs: /aws_cloudwatch_log_group\.log-group/,
  secretsmanager: /aws_secretsmanager_secret\.secret/,
  sns: /aws_sns_topic\.topic/,
  sqs: /aws_sqs_queue\.queue/,
  ssm: /aws_ssm_parameter\.parameter/,
  efs: /aws_efs_file_system\.files/,
  kinesis: /aws_kinesis_stream\.stream/,
  elasticache: /aws_elasticache_replication_group\.cache/,
  opensearch: /aws_opensearch_domain\.search/,
  backup: /aws_backup_vault\.vault/,
  'ebs-snapshot-copy': /aws_ebs_snapshot_copy\.snapshot/,
  lambda: /aws_lambda_function\.function/,
};

// The binding check is the policy rule encryption-data-class-binding; run it alone so that no
// other rule of the pack (retention, rotation...) has a say in these cases.
const BINDING_ONLY: PolicyPack = { name: 'binding', description: 'encryption-data-class-binding only', rules: [encryptionDataClassBinding] };

function stackWithKeys() {
  const { stack } = testStack();
  RampartPolicy.apply(stack, { pack: BINDING_ONLY, writeReport: false });
  const keys = new DataClassKeys(stack, 'keys', { names, adminRoleArn: 'arn:aws:iam::333333333333:role/key-admin', ...ctx });
  return { stack: stack as TerraformStack, keys };
}

describe('data-class binding (policy rule encryption-data-class-binding)', () => {
  test.each(Object.keys(BUILDERS))('%s labelled pii and encrypted with the pii key passes', (type) => {
    const { stack, keys } = stackWithKeys();
    BUILDERS[type](stack, { kind: 'key', ref: keys.key('pii').keyArn });
    expect(synthError(stack)).toBe('');
  });

  test.each(Object.keys(BUILDERS))("%s labelled pii but encrypted with another class's key fails, naming resource, class and key", (type) => {
    const { stack, keys } = stackWithKeys();
    BUILDERS[type](stack, { kind: 'key', ref: keys.key('financial').keyArn });
    const message = synthError(stack);
    expect(message).toMatch(new RegExp(`\\[encryption-data-class-binding\\] ${ADDRESS[type].source}`));
    expect(message).toContain('holds pii data but is encrypted with the financial key alias/acme-dev-financial');
    expect(message).toContain('Hint: encrypt it with the pii key (alias/acme-dev-pii)');
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

  test('a key that cannot be tied to a class fails; importKey ties it, to its own class only', () => {
    const foreign = 'arn:aws:kms:eu-central-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const bad = stackWithKeys();
    BUILDERS.logs(bad.stack, { kind: 'key', ref: foreign });
    expect(synthError(bad.stack)).toContain(`is encrypted with ${foreign} (kms_key_id), a key not tied to any data class`);

    const good = stackWithKeys();
    importKey(good.stack, 'foreign', { keyArn: foreign, purpose: 'pii' });
    BUILDERS.logs(good.stack, { kind: 'key', ref: foreign });
    expect(synthError(good.stack)).toBe('');

    const other = stackWithKeys();
    importKey(other.stack, 'foreign', { keyArn: foreign, purpose: 'financial' });
    BUILDERS.logs(other.stack, { kind: 'key', ref: foreign });
    expect(synthError(other.stack)).toContain(`holds pii data but is encrypted with the imported financial key ${foreign} (kms_key_id)`);
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

  test('an S3 configuration that names its bucket literally is matched to the bucket and checked', () => {
    const good = stackWithKeys();
    new S3Bucket(good.stack, 'literal', { bucket: 'acme-dev-literal', tags: PII });
    new S3BucketServerSideEncryptionConfigurationA(good.stack, 'literal-sse', {
      bucket: 'acme-dev-literal',
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: good.keys.key('pii').keyArn } }],
    });
    expect(synthError(good.stack)).toBe('');

    const bad = stackWithKeys();
    new S3Bucket(bad.stack, 'literal', { bucket: 'acme-dev-literal', tags: PII });
    new S3BucketServerSideEncryptionConfigurationA(bad.stack, 'literal-sse', {
      bucket: 'acme-dev-literal',
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: bad.keys.key('financial').keyArn } }],
    });
    const message = synthError(bad.stack);
    expect(message).toMatch(/aws_s3_bucket_server_side_encryption_configuration\.literal-sse .* holds pii data but is encrypted with the financial key alias\/acme-dev-financial/);
    expect(message).not.toMatch(/aws_s3_bucket\.literal .*SSE-S3/);
  });

  test('a sensitive resource of a type the check cannot verify fails, naming the resource, the class and that its encryption cannot be verified', () => {
    const { stack } = stackWithKeys();
    new Instance(stack, 'worker', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', tags: { DataClassification: 'health' } });
    const message = synthError(stack);
    expect(message).toContain('[encryption-data-class-binding] aws_instance.worker at test/worker');
    expect(message).toContain('holds health data but its encryption cannot be verified: the rule does not cover resource type aws_instance');
  });

  test('an unverifiable type under a sensitive label fails too; resources that hold no data pass', () => {
    const build = (withInstance: boolean) => {
      const { stack, keys } = stackWithKeys();
      const group = new Construct(stack, 'customers');
      labelDataClass(group, 'pii');
      const role = new IamRole(group, 'role', { name: 'customers', assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
      new IamRolePolicy(group, 'role-policy', { role: role.name, policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
      new SecurityGroup(group, 'sg', { name: 'customers', vpcId: 'vpc-0123456789abcdef0' });
      new RouteTable(group, 'routes', { vpcId: 'vpc-0123456789abcdef0' });
      new DbSubnetGroup(group, 'subnets', { name: 'customers', subnetIds: ['subnet-0123456789abcdef0'] });
      const bucket = new S3Bucket(group, 'bucket', { bucket: 'acme-dev-customers' });
      new S3BucketServerSideEncryptionConfigurationA(group, 'bucket-sse', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keys.key('pii').keyArn } }],
      });
      new S3BucketPublicAccessBlock(group, 'bucket-pab', { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      if (withInstance) new Instance(group, 'worker', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
      return stack;
    };
    expect(synthError(build(false))).toBe('');
    const message = synthError(build(true));
    expect(message).toMatch(/aws_instance\.\S*worker\S* at test\/customers\/worker/);
    expect(message).toContain('holds pii data but its encryption cannot be verified');
    expect(message.match(/\[encryption-data-class-binding\]/g)).toHaveLength(1);
  });

  test('the no-data list holds only permissions, network plumbing, keys, groups, settings, alarms and backup plans', () => {
    for (const t of NO_DATA_TYPES) {
      expect([
        t,
        /^aws_(iam|security_group|vpc_security_group|route|kms|db_subnet|db_parameter|rds_cluster_parameter|elasticache_subnet|elasticache_parameter|s3_bucket_(public_access_block|policy|versioning|ownership_controls|lifecycle_configuration|logging)$|secretsmanager_secret_(policy|rotation)$|sns_topic_(policy|subscription)$|sqs_queue_policy$|cloudwatch_metric_alarm$|backup_(plan|selection)$)/.test(
          t,
        ),
      ]).toEqual([t, true]);
    }
    for (const dataStore of ['aws_s3_object', 'aws_instance', 'aws_ecs_task_definition', 'aws_launch_template', 'aws_secretsmanager_secret_version']) {
      expect(NO_DATA_TYPES).not.toContain(dataStore);
    }
  });

  test('a secret version and a cluster instance are checked through the secret and the cluster that encrypt them', () => {
    const good = stackWithKeys();
    const group = new Construct(good.stack, 'customers');
    labelDataClass(group, 'pii');
    const secret = new SecretsmanagerSecret(group, 'secret', { name: 'customer-export', kmsKeyId: good.keys.key('pii').keyArn });
    new SecretsmanagerSecretVersion(group, 'secret-version', { secretId: secret.id, secretStringWo: 'x', secretStringWoVersion: 1 });
    const cluster = new RdsCluster(group, 'cluster', {
      clusterIdentifier: 'customers',
      engine: 'aurora-postgresql',
      masterUsername: 'app',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      kmsKeyId: good.keys.key('pii').keyArn,
    });
    new RdsClusterInstance(group, 'cluster-instance', { clusterIdentifier: cluster.id, engine: 'aurora-postgresql', instanceClass: 'db.r6g.large' });
    expect(synthError(good.stack)).toBe('');

    // A version labelled pii whose (unlabelled) secret uses the financial key fails; one whose secret is not in the stack cannot be verified.
    const bad = stackWithKeys();
    const labelled = new Construct(bad.stack, 'customers');
    labelDataClass(labelled, 'pii');
    const other = new SecretsmanagerSecret(bad.stack, 'other-secret', { name: 'billing-export', kmsKeyId: bad.keys.key('financial').keyArn });
    new SecretsmanagerSecretVersion(labelled, 'other-version', { secretId: other.id, secretStringWo: 'x', secretStringWoVersion: 1 });
    new SecretsmanagerSecretVersion(labelled, 'foreign-version', { secretId: 'shared/partner-api', secretStringWo: 'x', secretStringWoVersion: 1 });
    const message = synthError(bad.stack);
    expect(message).toMatch(/aws_secretsmanager_secret_version\.\S*other-version\S* .* holds pii data but is encrypted with the financial key alias\/acme-dev-financial/);
    expect(message).toMatch(
      /aws_secretsmanager_secret_version\.\S*foreign-version\S* .* holds pii data but its encryption cannot be verified: its aws_secretsmanager_secret \(secret_id\) is not in this stack/,
    );
  });

  test('the rule can never be suppressed', () => {
    const { stack } = stackWithKeys();
    const volume = new EbsVolume(stack, 'volume', { availabilityZone: 'eu-central-1a', size: 10, encrypted: true, tags: PII });
    expect(() =>
      RampartPolicy.suppress(volume, { ruleId: 'encryption-data-class-binding', reason: 'migrating to the pii key next sprint', owner: 'data-team', expires: new Date().toISOString().slice(0, 10) }),
    ).toThrow(/this rule can never be suppressed/);
  });

  test('labelDataClass refuses an unknown class', () => {
    const { stack } = testStack();
    expect(() => labelDataClass(stack, 'secretish' as never)).toThrow(expect.objectContaining({ code: 'ENUM', path: 'dataClass' }));
  });
});
