import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { missingPublicAccessFlags } from './bucket-helpers';

/** Buckets labelled pii, financial, health or restricted can never be opened to the public. */
export const s3SensitivePublicAccessBlock: PolicyRule = {
  id: 's3-sensitive-public-access-block',
  title: 'S3 buckets holding sensitive data classes block all public access (never suppressible)',
  area: 's3',
  severity: 'critical',
  suppressible: false,
  mappings: { cis: ['2.1.4'], fsbp: ['S3.8'], checkov: ['CKV2_AWS_6'] },
  hint: 'add an aws_s3_bucket_public_access_block for the bucket with all four settings true; sensitive data is never public',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket: PolicyResource, ctx: StackContext) {
    if (!ctx.isSensitive(bucket)) return NOT_APPLICABLE;
    const missing = missingPublicAccessFlags(bucket, ctx);
    return missing.length === 0 ? COMPLIANT : violation(`bucket holds ${ctx.dataClass(bucket)} data but public access is not fully blocked: ${missing.join(', ')} not true`);
  },
};
