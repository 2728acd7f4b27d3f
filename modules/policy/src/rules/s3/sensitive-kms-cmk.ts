import { isToken, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { encryptionDefaults } from './bucket-helpers';

/** Sensitive data classes are encrypted with a customer-managed key, never SSE-S3 or the AWS-managed key. */
export const s3SensitiveKmsCmk: PolicyRule = {
  id: 's3-sensitive-kms-cmk',
  title: 'S3 buckets holding pii, financial, health or restricted data use SSE-KMS with a customer-managed key',
  area: 's3',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['S3.17'], checkov: ['CKV_AWS_145'] },
  hint: "set sse_algorithm aws:kms and kms_master_key_id to the data class's customer-managed key (DataClassKeys)",
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    if (!ctx.isSensitive(bucket)) return NOT_APPLICABLE;
    const defaults = encryptionDefaults(bucket, ctx);
    if (defaults.length === 0) return violation(`bucket holds ${ctx.dataClass(bucket)} data and has no default encryption`);
    const bad = defaults.find((d) => !['aws:kms', 'aws:kms:dsse'].includes(d.sse_algorithm));
    if (bad) return violation(`bucket holds ${ctx.dataClass(bucket)} data but encrypts with ${bad.sse_algorithm ?? 'nothing'}`);
    const key = defaults.map((d) => d.kms_master_key_id).find((k) => typeof k !== 'string' || k.length === 0 || (!isToken(k) && /alias\/aws\/s3$/.test(k)));
    if (defaults.some((d) => typeof d.kms_master_key_id !== 'string' || d.kms_master_key_id.length === 0)) {
      return violation(`bucket holds ${ctx.dataClass(bucket)} data but names no kms_master_key_id (the AWS-managed key would be used)`);
    }
    if (key) return violation(`bucket holds ${ctx.dataClass(bucket)} data but uses the AWS-managed key ${key}`);
    return COMPLIANT;
  },
};
