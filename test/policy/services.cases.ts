import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const TRAIL = {
  name: 't',
  s3_bucket_name: 'b',
  is_multi_region_trail: true,
  include_global_service_events: true,
  enable_log_file_validation: true,
  kms_key_id: '${aws_kms_key.logs.arn}',
  cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.trail.arn}:*',
  cloud_watch_logs_role_arn: '${aws_iam_role.trail.arn}',
};

export const SERVICE_CASES: RuleCase[] = [
  {
    rule: P.cloudtrailMultiRegion,
    compliant: tf({ aws_cloudtrail: { t: TRAIL } }),
    nonCompliant: tf({ aws_cloudtrail: { t: TRAIL, single: { ...TRAIL, is_multi_region_trail: false }, noglobal: { ...TRAIL, include_global_service_events: false } } }),
    expected: ['aws_cloudtrail.noglobal', 'aws_cloudtrail.single'],
  },
  {
    rule: P.cloudtrailLogFileValidation,
    compliant: tf({ aws_cloudtrail: { t: TRAIL } }),
    nonCompliant: tf({ aws_cloudtrail: { t: TRAIL, off: { ...TRAIL, enable_log_file_validation: undefined } } }),
    expected: ['aws_cloudtrail.off'],
  },
  {
    rule: P.cloudtrailKms,
    compliant: tf({ aws_cloudtrail: { t: TRAIL } }),
    nonCompliant: tf({ aws_cloudtrail: { t: TRAIL, plain: { ...TRAIL, kms_key_id: undefined } } }),
    expected: ['aws_cloudtrail.plain'],
  },
  {
    rule: P.cloudtrailCloudwatchDelivery,
    compliant: tf({ aws_cloudtrail: { t: TRAIL } }),
    nonCompliant: tf({ aws_cloudtrail: { t: TRAIL, nogroup: { ...TRAIL, cloud_watch_logs_group_arn: undefined }, norole: { ...TRAIL, cloud_watch_logs_role_arn: '' } } }),
    expected: ['aws_cloudtrail.nogroup', 'aws_cloudtrail.norole'],
  },
  {
    rule: P.logsRetention,
    compliant: tf({ aws_cloudwatch_log_group: { a: { name: 'a', retention_in_days: 90 }, tok: { name: 'b', retention_in_days: '${var.days}' } } }),
    nonCompliant: tf({ aws_cloudwatch_log_group: { a: { name: 'a', retention_in_days: 90 }, forever: { name: 'f', retention_in_days: 0 }, unset: { name: 'u' } } }),
    expected: ['aws_cloudwatch_log_group.forever', 'aws_cloudwatch_log_group.unset'],
  },
  {
    rule: P.logsKms,
    compliant: tf({ aws_cloudwatch_log_group: { a: { name: 'a', kms_key_id: '${aws_kms_key.logs.arn}' } } }),
    nonCompliant: tf({ aws_cloudwatch_log_group: { a: { name: 'a', kms_key_id: '${aws_kms_key.logs.arn}' }, plain: { name: 'p' } } }),
    expected: ['aws_cloudwatch_log_group.plain'],
  },
  {
    rule: P.secretsManagerCmk,
    compliant: tf({ aws_secretsmanager_secret: { db: { name: 'db', kms_key_id: '${aws_kms_key.secrets.arn}' } } }),
    nonCompliant: tf({
      aws_secretsmanager_secret: { db: { name: 'db', kms_key_id: '${aws_kms_key.secrets.arn}' }, unset: { name: 'u' }, managed: { name: 'm', kms_key_id: 'alias/aws/secretsmanager' } },
    }),
    expected: ['aws_secretsmanager_secret.managed', 'aws_secretsmanager_secret.unset'],
  },
  {
    rule: P.secretsRecoveryWindow,
    production: true,
    compliant: tf({ aws_secretsmanager_secret: { a: { name: 'a', recovery_window_in_days: 30 }, unset: { name: 'u' } } }),
    nonCompliant: tf({
      aws_secretsmanager_secret: { a: { name: 'a', recovery_window_in_days: 30 }, short: { name: 's', recovery_window_in_days: 7 }, force: { name: 'f', recovery_window_in_days: 0 } },
    }),
    expected: ['aws_secretsmanager_secret.force', 'aws_secretsmanager_secret.short'],
  },
  {
    rule: P.secretsRecoveryWindow,
    production: false,
    compliant: tf({ aws_secretsmanager_secret: { a: { name: 'a', recovery_window_in_days: 7 } } }),
    nonCompliant: tf({ aws_secretsmanager_secret: { a: { name: 'a', recovery_window_in_days: 7 }, force: { name: 'f', recovery_window_in_days: 0 } } }),
    expected: ['aws_secretsmanager_secret.force'],
  },
  {
    rule: P.ssmSecureStringCmk,
    compliant: tf({
      aws_ssm_parameter: {
        s: { name: '/a/db-password', type: 'SecureString', value: '${var.v}', key_id: '${aws_kms_key.secrets.arn}' },
        plain: { name: '/a/region', type: 'String', value: 'eu-central-1' },
      },
    }),
    nonCompliant: tf({
      aws_ssm_parameter: { nokey: { name: '/a/x', type: 'SecureString', value: '${var.v}' }, awskey: { name: '/a/y', type: 'SecureString', value: '${var.v}', key_id: 'alias/aws/ssm' } },
    }),
    expected: ['aws_ssm_parameter.awskey', 'aws_ssm_parameter.nokey'],
  },
  {
    rule: P.secretsNoPlaintext,
    compliant: tf({
      aws_secretsmanager_secret_version: { v: { secret_id: 'x', secret_string: '${random_password.db.result}' } },
      aws_ssm_parameter: { s: { name: '/a/k', type: 'SecureString', value: '${var.api_key}' }, plain: { name: '/a/region', type: 'String', value: 'eu-central-1' } },
      aws_db_instance: { db: { manage_master_user_password: true } },
    }),
    nonCompliant: tf({
      aws_secretsmanager_secret_version: { v: { secret_id: 'x', secret_string: 'hunter2hunter2' } },
      aws_ssm_parameter: { s: { name: '/a/k', type: 'SecureString', value: 'abc123' } },
      aws_db_instance: { db: { password: 'changeme123' } },
    }),
    expected: ['aws_db_instance.db#password', 'aws_secretsmanager_secret_version.v#secret_string', 'aws_ssm_parameter.s#value'],
  },
  {
    rule: P.ssmSecretAsSecureString,
    compliant: tf({
      aws_ssm_parameter: { region: { name: '/a/region', type: 'String', value: 'eu-central-1' }, secret: { name: '/a/db-password', type: 'SecureString', value: '${var.v}', key_id: 'k' } },
    }),
    nonCompliant: tf({
      aws_ssm_parameter: {
        named: { name: '/a/API_TOKEN', type: 'String', value: '${var.v}' },
        shaped: { name: '/a/config', type: 'String', value: 'AKIAIOSFODNN7EXAMPLE' },
        region: { name: '/a/region', type: 'String', value: 'eu-central-1' },
      },
    }),
    expected: ['aws_ssm_parameter.named', 'aws_ssm_parameter.shaped'],
  },
];
