// Encryption facts of data-holding resource types, read from Terraform JSON (ported from the
// encryption module's binding check so that the policy engine judges the binding).

/** How a resource is encrypted, as far as synth can tell. */
export type EncryptionUse =
  | { readonly kind: 'key'; readonly ref: string; readonly attribute: string }
  | { readonly kind: 'aws-managed'; readonly detail: string }
  | { readonly kind: 'sse-s3' }
  | { readonly kind: 'unencrypted'; readonly detail: string };

type Attrs = Record<string, any>;

function blocks(value: unknown): Attrs[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null);
  if (typeof value === 'object' && value !== null) return [value as Attrs];
  return [];
}

function keyOr(attrs: Attrs, attribute: string, fallback: EncryptionUse): EncryptionUse {
  const ref = attrs[attribute];
  return typeof ref === 'string' && ref.length > 0 ? { kind: 'key', ref, attribute } : fallback;
}

function s3DefaultEncryption(rules: Attrs[]): EncryptionUse {
  for (const rule of rules) {
    for (const def of blocks(rule.apply_server_side_encryption_by_default)) {
      if (def.sse_algorithm === 'AES256') return { kind: 'sse-s3' };
      return keyOr(def, 'kms_master_key_id', { kind: 'aws-managed', detail: 'alias/aws/s3' });
    }
  }
  return { kind: 'sse-s3' };
}

function enabled(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * How one resource is encrypted; `undefined` for resource types the check does not cover.
 * Covered: S3 (bucket SSE configuration), RDS instances and clusters, DynamoDB, EBS volumes and
 * snapshot copies, EFS, CloudWatch log groups, Secrets Manager, SNS, SQS, SSM parameters,
 * Kinesis streams, ElastiCache replication groups, OpenSearch (and Elasticsearch) domains,
 * Backup vaults and Lambda functions (environment variables).
 */
export function encryptionOf(r: { type: string; attributes: Record<string, any> }): EncryptionUse | undefined {
  const a = r.attributes as Attrs;
  switch (r.type) {
    case 'aws_s3_bucket_server_side_encryption_configuration':
      return s3DefaultEncryption(blocks(a.rule));
    case 'aws_db_instance':
    case 'aws_rds_cluster':
      if (!enabled(a.storage_encrypted)) return { kind: 'unencrypted', detail: 'storage_encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/rds' });
    case 'aws_dynamodb_table': {
      const sse = blocks(a.server_side_encryption)[0];
      if (!sse || !enabled(sse.enabled)) return { kind: 'aws-managed', detail: 'an AWS owned key (server_side_encryption not enabled)' };
      return keyOr(sse, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/dynamodb' });
    }
    case 'aws_ebs_volume':
    case 'aws_ebs_snapshot_copy':
      if (!enabled(a.encrypted)) return { kind: 'unencrypted', detail: 'encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/ebs' });
    case 'aws_efs_file_system':
      if (!enabled(a.encrypted)) return { kind: 'unencrypted', detail: 'encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/elasticfilesystem' });
    case 'aws_cloudwatch_log_group':
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'the CloudWatch Logs service key (no kms_key_id)' });
    case 'aws_secretsmanager_secret':
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/secretsmanager' });
    case 'aws_sns_topic':
      return keyOr(a, 'kms_master_key_id', { kind: 'unencrypted', detail: 'no kms_master_key_id' });
    case 'aws_sqs_queue':
      return keyOr(a, 'kms_master_key_id', { kind: 'aws-managed', detail: 'SQS-managed encryption (no kms_master_key_id)' });
    case 'aws_ssm_parameter':
      if (a.type !== 'SecureString') return { kind: 'unencrypted', detail: `type ${String(a.type)} is not SecureString` };
      return keyOr(a, 'key_id', { kind: 'aws-managed', detail: 'alias/aws/ssm' });
    case 'aws_kinesis_stream':
      if (a.encryption_type !== 'KMS') return { kind: 'unencrypted', detail: `encryption_type is ${String(a.encryption_type ?? 'NONE')}, not KMS` };
      return keyOr(a, 'kms_key_id', { kind: 'unencrypted', detail: 'encryption_type KMS without kms_key_id' });
    case 'aws_elasticache_replication_group':
      if (!enabled(a.at_rest_encryption_enabled)) return { kind: 'unencrypted', detail: 'at_rest_encryption_enabled is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'the ElastiCache service key (no kms_key_id)' });
    case 'aws_opensearch_domain':
    case 'aws_elasticsearch_domain': {
      const rest = blocks(a.encrypt_at_rest)[0];
      if (!rest || !enabled(rest.enabled)) return { kind: 'unencrypted', detail: 'encrypt_at_rest is not enabled' };
      return keyOr(rest, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/es' });
    }
    case 'aws_backup_vault':
      return keyOr(a, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/backup' });
    case 'aws_lambda_function':
      return keyOr(a, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/lambda (environment variables; no kms_key_arn)' });
    default:
      return undefined;
  }
}

/**
 * Resource types that hold no data of their own: permissions, network plumbing, keys and
 * aliases, subnet and parameter groups, settings of a bucket, secret, topic or queue that is
 * checked on its own, alarms and backup plans. The binding check passes them when they are
 * labelled (a label on a construct covers every resource below it). Every other type it does
 * not cover fails when labelled with a sensitive class, because its encryption cannot be verified.
 */
export const NO_DATA_TYPES: readonly string[] = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy',
  'aws_iam_instance_profile',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_kms_key',
  'aws_kms_alias',
  'aws_db_subnet_group',
  'aws_db_parameter_group',
  'aws_rds_cluster_parameter_group',
  'aws_elasticache_subnet_group',
  'aws_elasticache_parameter_group',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_secretsmanager_secret_policy',
  'aws_secretsmanager_secret_rotation',
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_sqs_queue_policy',
  'aws_cloudwatch_metric_alarm',
  'aws_backup_plan',
  'aws_backup_selection',
];
