import * as P from '@rampart/policy';
import { RuleCase, tf } from './fixtures';

const KEYS = {
  aws_kms_key: {
    pii: { description: 'Rampart pii key (acme-dev)', enable_key_rotation: true },
    fin: { description: 'k', enable_key_rotation: true, tags: { DataClassification: 'financial' } },
    loose: { description: 'some key' },
  },
  aws_kms_alias: { fin: { name: 'alias/acme-dev-financial', target_key_id: '${aws_kms_key.fin.key_id}' } },
};
const PII = { DataClassification: 'pii' };

export const ENCRYPTION_CASES: RuleCase[] = [
  {
    rule: P.encryptionDataClassBinding,
    compliant: tf({
      ...KEYS,
      aws_db_instance: { db: { storage_encrypted: true, kms_key_id: '${aws_kms_key.pii.arn}', tags: PII } },
      aws_sqs_queue: { q: { kms_master_key_id: '${aws_kms_key.fin.arn}', tags: { DataClassification: 'financial' } }, plain: { tags: { DataClassification: 'internal' } } },
      aws_s3_bucket: { b: { bucket: 'b', tags: PII } },
      aws_s3_bucket_server_side_encryption_configuration: {
        b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.pii.arn}' }] }] },
      },
      aws_iam_role: { r: { assume_role_policy: '{}', tags: PII } },
    }),
    nonCompliant: tf({
      ...KEYS,
      aws_db_instance: { wrongkey: { storage_encrypted: true, kms_key_id: '${aws_kms_key.fin.arn}', tags: PII }, managed: { storage_encrypted: true, tags: PII } },
      aws_sqs_queue: { loose: { kms_master_key_id: '${aws_kms_key.loose.arn}', tags: PII } },
      aws_s3_bucket: { b: { bucket: 'b', tags: PII } },
      aws_s3_bucket_server_side_encryption_configuration: { b: { bucket: '${aws_s3_bucket.b.id}', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] } },
      aws_glue_catalog_table: { t: { name: 't', database_name: 'd', tags: PII } },
    }),
    expected: ['aws_db_instance.managed', 'aws_db_instance.wrongkey', 'aws_glue_catalog_table.t', 'aws_s3_bucket_server_side_encryption_configuration.b', 'aws_sqs_queue.loose'],
  },
];
