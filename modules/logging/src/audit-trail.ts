import { Cloudtrail, CloudtrailAdvancedEventSelector, CloudtrailEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  IKmsKey,
  NameParts,
  RampartValidationError,
  assertAllValid,
  reportOptOut,
  resourceName,
  s3BucketName,
  validateIntegerRange,
  validateOneOf,
  RetentionPolicy,
  renderPolicy,
  serviceTrustPolicy,
} from '@rampart/core';
import { AccessLogBucket } from './access-log-bucket';
import { ARCHIVE_STORAGE_CLASSES, ArchiveStorageClass, AuditLogBucket, OBJECT_LOCK_MODES, ObjectLockMode } from './audit-log-bucket';
import { ClassifiedLogGroup } from './classified-log-group';

/** Name of the trail an {@link AuditTrail} creates: `<prefix>-<env>-audit-trail` (e.g. for a key policy scoped to it). */
export function auditTrailName(names: NameParts): string {
  return resourceName(names, 'audit-trail');
}

/** A trail bucket of another account: its name, and the ARN of the key the trail encrypts with there. */
export interface ExternalTrailBucket {
  /** Name of the bucket (created by the other account's stack with the trail's ARN admitted). */
  readonly bucketName: string;
  /** ARN of the other account's key (a key ARN, not an alias) whose policy admits this trail. */
  readonly keyArn: string;
}

/** Properties of an {@link AuditTrail}. */
export interface AuditTrailProps {
  /** Prefix and environment every name is built from. */
  readonly names: NameParts;
  /** The logs key (purpose `logs`): trail, buckets and log group are encrypted with it. The trail, its buckets and log group add the CloudTrail, CloudWatch Logs and S3 server access logging statements to its policy. */
  readonly key: IKmsKey;
  /** Suffix that makes the bucket names globally unique, usually the account id. @default - none */
  readonly bucketSuffix?: string;
  /** Retention table (log group, lifecycle). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Whether the records belong to production; picks the default Object Lock mode. @default true */
  readonly production?: boolean;
  /** Object Lock default retention mode. @default - COMPLIANCE when `production`, else GOVERNANCE */
  readonly objectLockMode?: ObjectLockMode;
  /** Object Lock default retention in days, 1 to the records' total life. @default - the retention policy's `cloudtrail-archive` days (7 years) */
  readonly objectLockDays?: number;
  /** Storage class after the hot period. @default 'GLACIER' */
  readonly archiveStorageClass?: ArchiveStorageClass;
  /** Record every account of the organisation (deploy in the management account). Changing it replaces the trail. @default false */
  readonly organizationTrail?: boolean;
  /** Also record S3 object-level data events (all buckets except the trail's own). Extra cost. @default false */
  readonly s3DataEvents?: boolean;
  /**
   * Whether the trail records. Opt-out: `false` creates the trail stopped and reports
   * `logging.audit-trail.logging-disabled`; meant only for emulators whose StartLogging fails.
   * @default true
   */
  readonly enableLogging?: boolean;
  /**
   * Deliver to a bucket of another account (the organisation's log-archive account) instead of
   * creating the bucket and its access-log bucket here. The trail then encrypts its log files with
   * `keyArn`, a key of that account whose policy admits this trail; the log group stays under `key`.
   * Changing it moves delivery; the old bucket is not removed by this construct.
   * @default - the buckets are created in this account
   */
  readonly externalBucket?: ExternalTrailBucket;
  /** Resources the trail must wait for, e.g. the organisation with CloudTrail trusted access. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A multi-region CloudTrail trail with log file validation and global service events,
 * encrypted with the logs key, delivered to an Object Lock bucket ({@link AuditLogBucket},
 * whose server access logs go to an {@link AccessLogBucket}) and to an encrypted CloudWatch
 * log group (for the CIS metric filters) through a delivery role scoped to that group.
 */
export class AuditTrail extends Construct {
  /** The provider trail (escape hatch). */
  public readonly trail: Cloudtrail;
  public readonly trailName: string;
  public readonly trailArn: string;
  /** The Object Lock bucket, unless the trail delivers to an `externalBucket`. */
  public readonly bucket?: AuditLogBucket;
  /** The bucket's access-log bucket, unless the trail delivers to an `externalBucket`. */
  public readonly accessLogBucket?: AccessLogBucket;
  /** Name of the bucket the trail delivers to (here, or the external one). */
  public readonly bucketName: string;
  /** The CloudWatch log group the trail delivers to; CIS metric filters go on it. */
  public readonly logGroup: ClassifiedLogGroup;
  /** The role CloudTrail assumes to write to the log group. */
  public readonly deliveryRole: IamRole;
  public readonly objectLockMode: ObjectLockMode;
  public readonly objectLockDays: number;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retention = props.retention ?? RetentionPolicy.DEFAULT;
    const production = props.production ?? true;
    const objectLockMode = props.objectLockMode ?? (production ? 'COMPLIANCE' : 'GOVERNANCE');
    const objectLockDays = props.objectLockDays ?? retention.cloudTrailLifecycle.expireAfterDays;
    const archiveStorageClass = props.archiveStorageClass ?? 'GLACIER';
    const organizationTrail = props.organizationTrail ?? false;
    const s3DataEvents = props.s3DataEvents ?? false;
    const enableLogging = props.enableLogging ?? true;

    if (props.key.purpose !== 'logs') {
      throw new RampartValidationError({ code: 'KEY_PURPOSE', path: 'key.purpose', value: props.key.purpose, rule: 'must be the logs key (purpose "logs")' });
    }
    assertAllValid([
      validateOneOf('objectLockMode', objectLockMode, OBJECT_LOCK_MODES),
      validateIntegerRange('objectLockDays', objectLockDays, 1, retention.cloudTrailLifecycle.expireAfterDays),
      validateOneOf('archiveStorageClass', archiveStorageClass, ARCHIVE_STORAGE_CLASSES),
    ]);
    const trailName = auditTrailName(props.names);
    const bucketName = s3BucketName(props.names, 'audit-trail', props.bucketSuffix);
    const accessLogBucketName = s3BucketName(props.names, 'audit-access-logs', props.bucketSuffix);

    if (production && objectLockMode === 'GOVERNANCE') {
      reportOptOut(this, {
        id: 'logging.audit-trail.governance-lock',
        message: 'Object Lock is in GOVERNANCE mode for production audit records: principals with s3:BypassGovernanceRetention can delete them',
      });
    }
    if (!enableLogging) {
      reportOptOut(this, { id: 'logging.audit-trail.logging-disabled', message: 'the audit trail is created with logging stopped (enable_logging = false)' });
    }

    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    const account = new DataAwsCallerIdentity(this, 'account');
    // The trail's ARN is known before the trail exists; the bucket policy and role trust need it first.
    this.trailArn = `arn:${partition.partition}:cloudtrail:${region.name}:${account.accountId}:trail/${trailName}`;
    this.trailName = trailName;
    this.objectLockMode = objectLockMode;
    this.objectLockDays = objectLockDays;

    if (props.externalBucket) {
      this.bucketName = props.externalBucket.bucketName;
    } else {
      this.accessLogBucket = new AccessLogBucket(this, 'access-logs', {
        bucketName: accessLogBucketName,
        key: props.key,
        retention,
        sourceBucketArns: [`arn:${partition.partition}:s3:::${bucketName}`],
      });
      this.bucket = new AuditLogBucket(this, 'bucket', {
        bucketName,
        key: props.key,
        trailArn: this.trailArn,
        accessLogBucket: this.accessLogBucket,
        objectLockMode,
        objectLockDays,
        retention,
        archiveStorageClass,
      });
      this.bucketName = this.bucket.bucketName;
    }
    this.logGroup = new ClassifiedLogGroup(this, 'log-group', {
      logGroupName: `/aws/cloudtrail/${trailName}`,
      logClass: 'cloudtrail',
      key: props.key,
      retention,
    });

    this.deliveryRole = new IamRole(this, 'delivery-role', {
      name: resourceName(props.names, 'cloudtrail-to-logs'),
      description: 'CloudTrail delivery to its CloudWatch log group',
      assumeRolePolicy: renderPolicy(serviceTrustPolicy('cloudtrail.amazonaws.com', { StringEquals: { 'aws:SourceArn': this.trailArn } })),
    });
    const deliveryPolicy = new IamRolePolicy(this, 'delivery-policy', {
      name: 'write-trail-log-group',
      role: this.deliveryRole.id,
      policy: renderPolicy([
        {
          Sid: 'WriteTrailLogStreams',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.logGroupArn}:log-stream:*`,
        },
      ]),
    });

    const managementEvents: CloudtrailEventSelector = { readWriteType: 'All', includeManagementEvents: true };
    const advanced: CloudtrailAdvancedEventSelector[] = [
      { name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      {
        name: 'S3 data events',
        fieldSelector: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
          { field: 'resources.ARN', notStartsWith: [`${this.bucket ? this.bucket.bucketArn : `arn:${partition.partition}:s3:::${this.bucketName}`}/`] },
        ],
      },
    ];

    // CloudTrail encrypts with the key only if the key policy admits this trail.
    // (An external bucket's key is managed by the other account's stack.)
    if (!props.externalBucket) props.key.grantServiceUse('cloudtrail', { trailName });
    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.bucketName,
      kmsKeyId: props.externalBucket?.keyArn ?? props.key.keyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: organizationTrail,
      enableLogging,
      cloudWatchLogsGroupArn: `${this.logGroup.logGroupArn}:*`,
      cloudWatchLogsRoleArn: this.deliveryRole.arn,
      ...(s3DataEvents ? { advancedEventSelector: advanced } : { eventSelector: [managementEvents] }),
      dependsOn: [...(this.bucket ? [this.bucket.policy] : []), deliveryPolicy, ...(props.dependsOn ?? [])],
    });
  }
}
