import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import { BucketEncryption, IKmsKey, RetentionPolicy, SecureBucket, assertAllValid, validateIntegerRange, validateOneOf, validateS3BucketName } from '@rampart/core';
import { AccessLogBucket } from './access-log-bucket';
import { expiringRecordsRules } from './bucket-baseline';

/** S3 Object Lock retention modes. COMPLIANCE cannot be shortened or lifted by anyone, root included. */
export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';
export const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = ['GOVERNANCE', 'COMPLIANCE'];

/** Storage classes audit records move to after their hot period. */
export type ArchiveStorageClass = 'GLACIER' | 'DEEP_ARCHIVE';
export const ARCHIVE_STORAGE_CLASSES: readonly ArchiveStorageClass[] = ['GLACIER', 'DEEP_ARCHIVE'];

/** Properties of an {@link AuditLogBucket}. */
export interface AuditLogBucketProps {
  /** Bucket name (S3 rules). Changing it replaces the bucket. */
  readonly bucketName: string;
  /** The logs key: SSE-KMS with a bucket key. */
  readonly key: IKmsKey;
  /** ARN of the one trail allowed to write here (`aws:SourceArn` in the bucket policy). */
  readonly trailArn: string;
  /** Where S3 server access logs of this bucket go. */
  readonly accessLogBucket: AccessLogBucket;
  /** Object Lock default retention mode. */
  readonly objectLockMode: ObjectLockMode;
  /**
   * Object Lock default retention in days: 1 to the records' total life (the `cloudtrail-archive`
   * period), `OUT_OF_RANGE` otherwise. A locked version cannot be deleted before its lock ends, so
   * a lock longer than the expiry would keep records past it.
   */
  readonly objectLockDays: number;
  /** Retention table: hot period, then archive, then expiry. @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Storage class after the hot period. @default 'GLACIER' */
  readonly archiveStorageClass?: ArchiveStorageClass;
}

/**
 * The bucket CloudTrail delivers to: versioned, Object Lock (WORM) with a default retention,
 * SSE-KMS under the logs key with a bucket key, all public access blocks, ACLs disabled,
 * a policy that denies non-TLS requests and admits only CloudTrail for the one trail
 * (`aws:SourceArn`), a lifecycle of hot → archive → expiry from the retention policy, and
 * server access logging to a separate bucket.
 *
 * Expiry in this versioned bucket: at the `cloudtrail-archive` age the current version expires
 * (S3 adds a delete marker), the noncurrent version is removed one day later, and a second rule
 * removes the delete marker once no version is left behind it. The Object Lock period is at most
 * the expiry age, so no version is still locked when the lifecycle deletes it.
 */
export class AuditLogBucket extends Construct {
  /** The provider bucket (escape hatch). */
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** The bucket policy; the trail must depend on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AuditLogBucketProps) {
    super(scope, id);
    const retention = props.retention ?? RetentionPolicy.DEFAULT;
    const archiveStorageClass = props.archiveStorageClass ?? 'GLACIER';
    const { archiveAfterDays, expireAfterDays } = retention.cloudTrailLifecycle;
    assertAllValid([
      validateS3BucketName('bucketName', props.bucketName),
      validateOneOf('objectLockMode', props.objectLockMode, OBJECT_LOCK_MODES),
      validateIntegerRange('objectLockDays', props.objectLockDays, 1, expireAfterDays),
      validateOneOf('archiveStorageClass', archiveStorageClass, ARCHIVE_STORAGE_CLASSES),
    ]);

    // Created as `Default`: the resources keep the addresses they had when this construct made them itself.
    const secure = new SecureBucket(this, 'Default', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.kms(props.key),
      objectLockEnabled: true,
      lifecycleRules: expiringRecordsRules('archive-then-expire', expireAfterDays, { days: archiveAfterDays, storageClass: archiveStorageClass }),
      accessLogging: props.accessLogBucket.loggingFor(props.bucketName),
    });
    this.bucket = secure.bucket;
    this.bucketName = secure.bucketName;
    this.bucketArn = secure.bucketArn;

    new S3BucketObjectLockConfigurationA(this, 'object-lock', {
      bucket: secure.bucket.id,
      rule: { defaultRetention: { mode: props.objectLockMode, days: props.objectLockDays } },
      dependsOn: [secure.versioning],
    });

    secure.addToResourcePolicy({
      Sid: 'AllowCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: secure.bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': props.trailArn } },
    });
    secure.addToResourcePolicy({
      Sid: 'AllowCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${secure.bucketArn}/AWSLogs/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': props.trailArn } },
    });
    this.policy = secure.policy;
  }
}
