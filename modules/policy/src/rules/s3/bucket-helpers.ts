import { block, blocks, isTrue, StackContext } from '../../context';
import { PolicyResource } from '../../types';

/** The public access block resources that target a bucket. */
export function publicAccessBlocks(bucket: PolicyResource, ctx: StackContext): readonly PolicyResource[] {
  return ctx.related('aws_s3_bucket_public_access_block', 'bucket', bucket);
}

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** The four flags that are not true on the bucket's public access block (all four when there is none). */
export function missingPublicAccessFlags(bucket: PolicyResource, ctx: StackContext): string[] {
  const pabs = publicAccessBlocks(bucket, ctx);
  if (pabs.length === 0) return [...FLAGS];
  return FLAGS.filter((f) => !pabs.some((p) => isTrue(p.attributes[f])));
}

/** The default-encryption rules of a bucket (split resource, or the deprecated inline block). */
export function encryptionDefaults(bucket: PolicyResource, ctx: StackContext): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const cfg of ctx.related('aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket)) {
    for (const rule of blocks(cfg.attributes.rule)) {
      const d = block(rule.apply_server_side_encryption_by_default);
      if (d) out.push(d);
    }
  }
  const inline = block(bucket.attributes.server_side_encryption_configuration);
  for (const rule of blocks(inline?.rule)) {
    const d = block(rule.apply_server_side_encryption_by_default);
    if (d) out.push(d);
  }
  return out;
}

/** True when a CloudTrail trail in the stack delivers to this bucket. */
export function isAuditLogBucket(bucket: PolicyResource, ctx: StackContext): boolean {
  return ctx.related('aws_cloudtrail', 's3_bucket_name', bucket).length > 0;
}

/** True when the bucket receives S3 server access logs from another bucket. */
export function isAccessLogTarget(bucket: PolicyResource, ctx: StackContext): boolean {
  return ctx.related('aws_s3_bucket_logging', 'target_bucket', bucket).length > 0;
}

/** Policies attached to a bucket (aws_s3_bucket_policy, or the deprecated inline `policy`). */
export function bucketPolicies(bucket: PolicyResource, ctx: StackContext): unknown[] {
  const out: unknown[] = ctx.related('aws_s3_bucket_policy', 'bucket', bucket).map((p) => p.attributes.policy);
  if (bucket.attributes.policy !== undefined) out.push(bucket.attributes.policy);
  return out;
}
