import * as P from '@rampart/policy';
import { DEFAULT_TAGS, RuleCase, tf } from './fixtures';

const DB = {
  engine: 'postgres',
  instance_class: 'db.t4g.micro',
  storage_encrypted: true,
  kms_key_id: '${aws_kms_key.pii.arn}',
  publicly_accessible: false,
  deletion_protection: true,
  backup_retention_period: 30,
  iam_database_authentication_enabled: true,
  multi_az: true,
};
const TABLE = { name: 't', hash_key: 'LockID', point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.state.arn}' } };

const CONTAINER = {
  name: 'app',
  image: 'registry.example/app@sha256:abc',
  user: '10001:10001',
  readonlyRootFilesystem: true,
  privileged: false,
  linuxParameters: { capabilities: { drop: ['ALL'] } },
  logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '${aws_cloudwatch_log_group.app.name}' } },
  environment: [{ name: 'LOG_LEVEL', value: 'info' }],
  secrets: [{ name: 'DB_PASSWORD', valueFrom: '${aws_secretsmanager_secret.db.arn}' }],
};
const task = (...containers: object[]) => ({ family: 'app', network_mode: 'awsvpc', container_definitions: JSON.stringify(containers) });

export const DATA_WORKLOAD_CASES: RuleCase[] = [
  {
    rule: P.rdsEncryptedCmk,
    compliant: tf({ aws_db_instance: { db: DB } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, plain: { ...DB, storage_encrypted: false }, awskey: { ...DB, kms_key_id: undefined } } }),
    expected: ['aws_db_instance.awskey', 'aws_db_instance.plain'],
  },
  {
    rule: P.rdsNotPublic,
    compliant: tf({ aws_db_instance: { db: DB, unset: { ...DB, publicly_accessible: undefined } } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, open: { ...DB, publicly_accessible: true } } }),
    expected: ['aws_db_instance.open'],
  },
  {
    rule: P.rdsDeletionProtection,
    production: true,
    compliant: tf({ aws_db_instance: { db: DB } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, off: { ...DB, deletion_protection: false } } }),
    expected: ['aws_db_instance.off'],
  },
  {
    rule: P.rdsBackupRetention,
    compliant: tf({ aws_db_instance: { db: DB, week: { ...DB, backup_retention_period: 7 } } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, short: { ...DB, backup_retention_period: 1 }, unset: { ...DB, backup_retention_period: undefined } } }),
    expected: ['aws_db_instance.short', 'aws_db_instance.unset'],
  },
  {
    rule: P.rdsIamAuth,
    compliant: tf({ aws_db_instance: { db: DB } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, pw: { ...DB, iam_database_authentication_enabled: false } } }),
    expected: ['aws_db_instance.pw'],
  },
  {
    rule: P.rdsMultiAzProduction,
    production: true,
    compliant: tf({ aws_db_instance: { db: DB } }),
    nonCompliant: tf({ aws_db_instance: { db: DB, single: { ...DB, multi_az: false } } }),
    expected: ['aws_db_instance.single'],
  },
  {
    rule: P.dynamodbPitr,
    compliant: tf({ aws_dynamodb_table: { t: TABLE } }),
    nonCompliant: tf({ aws_dynamodb_table: { t: TABLE, off: { ...TABLE, point_in_time_recovery: { enabled: false } }, unset: { ...TABLE, point_in_time_recovery: undefined } } }),
    expected: ['aws_dynamodb_table.off', 'aws_dynamodb_table.unset'],
  },
  {
    rule: P.dynamodbSseCmk,
    compliant: tf({ aws_dynamodb_table: { t: TABLE } }),
    nonCompliant: tf({ aws_dynamodb_table: { t: TABLE, owned: { ...TABLE, server_side_encryption: undefined }, managed: { ...TABLE, server_side_encryption: { enabled: true } } } }),
    expected: ['aws_dynamodb_table.managed', 'aws_dynamodb_table.owned'],
  },
  {
    rule: P.ecsNonRootUser,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'sidecar', user: 'nobody' }) } }),
    nonCompliant: tf({
      aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'root', user: '0:0' }, { ...CONTAINER, name: 'default', user: undefined }), named: task({ ...CONTAINER, user: 'root' }) },
    }),
    expected: ['aws_ecs_task_definition.app#default', 'aws_ecs_task_definition.app#root', 'aws_ecs_task_definition.named#app'],
  },
  {
    rule: P.ecsReadonlyRootFilesystem,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER) } }),
    nonCompliant: tf({
      aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'rw', readonlyRootFilesystem: false }), hcl: { family: 'x', container_definitions: '${jsonencode([])}' } },
    }),
    expected: ['aws_ecs_task_definition.app#rw', 'aws_ecs_task_definition.hcl'],
  },
  {
    rule: P.ecsNotPrivileged,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'b', privileged: undefined }) } }),
    nonCompliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'priv', privileged: true }) } }),
    expected: ['aws_ecs_task_definition.app#priv'],
  },
  {
    rule: P.ecsDropAllCapabilities,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER) } }),
    nonCompliant: tf({
      aws_ecs_task_definition: {
        app: task(CONTAINER, { ...CONTAINER, name: 'keeps', linuxParameters: undefined }, { ...CONTAINER, name: 'adds', linuxParameters: { capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } }),
      },
    }),
    expected: ['aws_ecs_task_definition.app#adds', 'aws_ecs_task_definition.app#keeps'],
  },
  {
    rule: P.ecsLogging,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER) } }),
    nonCompliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER, { ...CONTAINER, name: 'silent', logConfiguration: undefined }) } }),
    expected: ['aws_ecs_task_definition.app#silent'],
  },
  {
    rule: P.ecsNoHostNamespaces,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER) } }),
    nonCompliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER), host: { ...task(CONTAINER), network_mode: 'host', pid_mode: 'host', ipc_mode: 'task' } } }),
    expected: ['aws_ecs_task_definition.host#network_mode', 'aws_ecs_task_definition.host#pid_mode'],
  },
  {
    rule: P.ecsNoSecretEnvVars,
    compliant: tf({ aws_ecs_task_definition: { app: task(CONTAINER) } }),
    nonCompliant: tf({
      aws_ecs_task_definition: {
        app: task({
          ...CONTAINER,
          environment: [
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'DB_PASSWORD', value: 'x' },
            { name: 'CONFIG', value: '-----BEGIN RSA PRIVATE KEY-----\nabc' },
            { name: 'STRIPE_API_KEY', value: '${var.k}' },
          ],
        }),
      },
    }),
    expected: ['aws_ecs_task_definition.app#app/CONFIG', 'aws_ecs_task_definition.app#app/DB_PASSWORD', 'aws_ecs_task_definition.app#app/STRIPE_API_KEY'],
  },
  {
    rule: P.tagsMandatory,
    compliant: tf({ aws_s3_bucket: { a: { bucket: 'a' } }, aws_s3_bucket_versioning: { a: { bucket: 'a', versioning_configuration: { status: 'Enabled' } } } }),
    nonCompliant: tf(
      {
        aws_s3_bucket: {
          ok: { bucket: 'a', tags: { Environment: 'dev', Owner: 'o', CostCenter: 'c', Compliance: 'none', DataClassification: 'internal' } },
          partial: { bucket: 'b', tags: { Owner: 'o' } },
          blank: { bucket: 'c', tags: { Environment: 'dev', Owner: '   ', CostCenter: 'c', Compliance: '\t', DataClassification: 'internal' } },
        },
        aws_vpc: { west: { cidr_block: '10.0.0.0/16', provider: 'aws.west' }, plain: { cidr_block: '10.1.0.0/16' } },
        aws_s3_bucket_versioning: { untaggable: { bucket: 'b', versioning_configuration: { status: 'Enabled' } } },
      },
      { provider: { aws: [{ region: 'eu-central-1' }, { alias: 'west', region: 'eu-west-1', default_tags: [{ tags: DEFAULT_TAGS }] }] } },
    ),
    expected: ['aws_s3_bucket.blank', 'aws_s3_bucket.partial', 'aws_vpc.plain'],
  },
  {
    rule: P.backendS3Encrypted,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true } } } }),
    nonCompliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k' } } } }),
    expected: ['terraform.backend.s3'],
  },
  {
    rule: P.backendS3Kms,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true, kms_key_id: 'alias/acme-state' } } } }),
    nonCompliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true } } } }),
    expected: ['terraform.backend.s3'],
  },
  {
    rule: P.backendS3Locking,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', use_lockfile: true } } } }),
    nonCompliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true } } } }),
    expected: ['terraform.backend.s3'],
  },
  {
    rule: P.stateBackendRemoteInProduction,
    production: true,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true, use_lockfile: true } } } }),
    nonCompliant: tf({}, {}),
    expected: ['terraform.backend.local'],
  },
  {
    rule: P.stateBackendRemoteInProduction,
    production: true,
    compliant: tf({}, { terraform: { cloud: { organization: 'acme', workspaces: { name: 'prod' } } } }),
    nonCompliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', dynamodb_table: 'locks' } } } }),
    expected: ['terraform.backend.s3'],
  },
  {
    rule: P.stateBackendRemoteInProduction,
    production: true,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: 'true', dynamodb_table: 'locks' } } } }),
    nonCompliant: tf({}, { terraform: { backend: { local: { path: 'prod.tfstate' } } } }),
    expected: ['terraform.backend.local'],
  },
  {
    rule: P.stateBackendRemoteInProduction,
    production: true,
    compliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true, use_lockfile: true, dynamodb_table: 'locks' } } } }),
    nonCompliant: tf({}, { terraform: { backend: { s3: { bucket: 'b', key: 'k', encrypt: true } } } }),
    expected: ['terraform.backend.s3'],
  },
];
