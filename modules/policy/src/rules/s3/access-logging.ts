import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { isAuditLogBucket } from './bucket-helpers';

/**
 * Buckets holding sensitive data classes or audit logs record server access logs in another bucket.
 * (Access-log target buckets themselves are exempt: logging them would loop.)
 */
export const s3AccessLogging: PolicyRule = {
  id: 's3-access-logging',
  title: 'S3 buckets with sensitive data or audit logs have server access logging to a separate bucket',
  area: 's3',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['3.4'], fsbp: ['S3.9'], checkov: ['CKV_AWS_18'] },
  hint: 'add an aws_s3_bucket_logging for the bucket whose target_bucket is a dedicated access-log bucket',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    if (!ctx.isSensitive(bucket) && !isAuditLogBucket(bucket, ctx)) return NOT_APPLICABLE;
    const logging = ctx.related('aws_s3_bucket_logging', 'bucket', bucket);
    if (logging.length === 0) return violation(`${isAuditLogBucket(bucket, ctx) ? 'audit-log' : `${ctx.dataClass(bucket)}`} bucket has no aws_s3_bucket_logging`);
    if (logging.every((l) => ctx.refersTo(l.attributes.target_bucket, bucket))) return violation('the bucket logs into itself');
    return COMPLIANT;
  },
};
