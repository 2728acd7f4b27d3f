import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { missingPublicAccessFlags } from './bucket-helpers';

/** Every bucket that does not hold a sensitive data class blocks all four kinds of public access. */
export const s3PublicAccessBlock: PolicyRule = {
  id: 's3-public-access-block',
  title: 'S3 buckets block public ACLs and policies (all four public access block settings on)',
  area: 's3',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['2.1.4'], fsbp: ['S3.8'], checkov: ['CKV2_AWS_6'] },
  hint: 'add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    if (ctx.isSensitive(bucket)) return NOT_APPLICABLE; // covered, unsuppressibly, by s3-sensitive-public-access-block
    const missing = missingPublicAccessFlags(bucket, ctx);
    return missing.length === 0 ? COMPLIANT : violation(`public access is not fully blocked: ${missing.join(', ')} not true`);
  },
};
