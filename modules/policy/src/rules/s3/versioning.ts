import { block, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Every bucket keeps object versions. */
export const s3Versioning: PolicyRule = {
  id: 's3-versioning',
  title: 'S3 buckets have versioning enabled',
  area: 's3',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['S3.14'], checkov: ['CKV_AWS_21'] },
  hint: 'add an aws_s3_bucket_versioning for the bucket with versioning_configuration.status = "Enabled"',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    const enabled = ctx.related('aws_s3_bucket_versioning', 'bucket', bucket).some((v) => block(v.attributes.versioning_configuration)?.status === 'Enabled');
    const inline = block(bucket.attributes.versioning)?.enabled === true;
    return enabled || inline ? COMPLIANT : violation('no aws_s3_bucket_versioning with status Enabled targets the bucket');
  },
};
