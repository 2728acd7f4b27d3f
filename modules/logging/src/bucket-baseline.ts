import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { PolicyStatement, denyInsecureTransport as coreDenyInsecureTransport } from '@rampart/core';

/*
 * Lifecycle helpers shared by the log buckets. The buckets themselves are core's SecureBucket.
 */

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

/**
 * The lifecycle of a versioned bucket of records: rule `id` expires each object `expireAfterDays`
 * after it was written (optionally moving it to `transition` first); the expiry leaves a delete
 * marker and the record itself goes when its noncurrent version expires a day later; incomplete
 * uploads are aborted after 7 days; then {@link deleteMarkerRule}.
 */
export function expiringRecordsRules(id: string, expireAfterDays: number, transition?: { readonly days: number; readonly storageClass: string }): S3BucketLifecycleConfigurationRule[] {
  return [
    {
      id,
      status: 'Enabled',
      filter: [{}],
      ...(transition ? { transition: [{ days: transition.days, storageClass: transition.storageClass }] } : {}),
      expiration: [{ days: expireAfterDays }],
      noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_EXPIRY_DAYS }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    },
    deleteMarkerRule(),
  ];
}

/** A policy statement that denies every request to the bucket not made over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return coreDenyInsecureTransport('s3:*', [bucketArn, `${bucketArn}/*`]);
}
