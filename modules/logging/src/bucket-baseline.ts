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

/** A policy statement that denies every request to the bucket not made over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return coreDenyInsecureTransport('s3:*', [bucketArn, `${bucketArn}/*`]);
}
