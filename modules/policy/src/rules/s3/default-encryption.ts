import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';
import { encryptionDefaults } from './bucket-helpers';

/** Every bucket states its default encryption explicitly. */
export const s3DefaultEncryption: PolicyRule = {
  id: 's3-default-encryption',
  title: 'S3 buckets declare default server-side encryption',
  area: 's3',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'add an aws_s3_bucket_server_side_encryption_configuration for the bucket (aws:kms with a customer key; AES256 only where the service requires it, e.g. access-log targets)',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    const defaults = encryptionDefaults(bucket, ctx);
    return defaults.some((d) => typeof d.sse_algorithm === 'string' && d.sse_algorithm.length > 0) ? COMPLIANT : violation('no aws_s3_bucket_server_side_encryption_configuration targets the bucket');
  },
};
