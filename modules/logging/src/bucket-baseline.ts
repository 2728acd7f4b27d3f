import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { IKmsKey, PolicyStatement, denyInsecureTransport as coreDenyInsecureTransport } from '@rampart/core';

/** The resources every log bucket starts from. */
export interface BucketBaseline {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownership: S3BucketOwnershipControls;
}

/**
 * A bucket with versioning, SSE-KMS under a customer-managed key with an S3 bucket key, all
 * four public access blocks and ACLs disabled (BucketOwnerEnforced). Internal to the module.
 */
export function bucketBaseline(scope: Construct, bucketName: string, key: IKmsKey, objectLockEnabled: boolean): BucketBaseline {
  const bucket = new S3Bucket(scope, 'bucket', { bucket: bucketName, objectLockEnabled: objectLockEnabled || undefined });
  const versioning = new S3BucketVersioningA(scope, 'versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.keyArn }, bucketKeyEnabled: true }],
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'public-access-block', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownership = new S3BucketOwnershipControls(scope, 'ownership', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  return { bucket, versioning, encryption, publicAccessBlock, ownership };
}

/** Rule id of the lifecycle rule that removes expired object delete markers. */
export const DELETE_MARKER_RULE_ID = 'remove-expired-delete-markers';

/**
 * Days a version stays after it becomes noncurrent. In a versioned bucket, expiring the current
 * version only adds a delete marker; the data goes when the now-noncurrent version expires.
 */
export const NONCURRENT_EXPIRY_DAYS = 1;

/**
 * The lifecycle rule that removes a delete marker once no noncurrent version is left behind it
 * (an expired object delete marker). S3 does not accept `expired_object_delete_marker` in the same
 * expiration block as `days`, so it is a rule of its own.
 */
export function deleteMarkerRule(): { id: string; status: string; filter: Array<Record<string, never>>; expiration: Array<{ expiredObjectDeleteMarker: boolean }> } {
  return { id: DELETE_MARKER_RULE_ID, status: 'Enabled', filter: [{}], expiration: [{ expiredObjectDeleteMarker: true }] };
}

/** A policy statement that denies every request to the bucket not made over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return coreDenyInsecureTransport('s3:*', [bucketArn, `${bucketArn}/*`]);
}
