import { block, isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { isAuditLogBucket } from './bucket-helpers';

/** Audit-log buckets (CloudTrail destinations) are write-once: Object Lock with a default retention. */
export const s3AuditLogObjectLock: PolicyRule = {
  id: 's3-audit-log-object-lock',
  title: 'S3 buckets that receive CloudTrail logs have Object Lock with a default retention',
  area: 's3',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['S3.15'], checkov: ['CKV_AWS_143'] },
  hint: 'create the bucket with object_lock_enabled = true and add an aws_s3_bucket_object_lock_configuration with a default_retention (mode and days or years)',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    if (!isAuditLogBucket(bucket, ctx)) return NOT_APPLICABLE;
    const inline = block(bucket.attributes.object_lock_configuration);
    const enabled = isTrue(bucket.attributes.object_lock_enabled) || inline?.object_lock_enabled === 'Enabled';
    if (!enabled) return violation('the bucket receives CloudTrail logs but object_lock_enabled is not true');
    const configs = ctx.related('aws_s3_bucket_object_lock_configuration', 'bucket', bucket);
    const retention = [...configs.map((c) => block(block(c.attributes.rule)?.default_retention)), block(block(inline?.rule)?.default_retention)].find(
      (d) => d && typeof d.mode === 'string' && (d.days !== undefined || d.years !== undefined),
    );
    return retention ? COMPLIANT : violation('Object Lock is on but no aws_s3_bucket_object_lock_configuration sets a default retention');
  },
};
