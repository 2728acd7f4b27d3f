import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import { BucketAccessLogging, BucketEncryption, IKmsKey, RetentionPolicy, SecureBucket, ValidationIssue, assertAllValid, isUnresolved, validateS3BucketName } from '@rampart/core';
import { expiringRecordsRules } from './bucket-baseline';

/** Properties of an {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** Bucket name (S3 rules). Changing it replaces the bucket. */
  readonly bucketName: string;
  /** Customer-managed key for SSE-KMS. The bucket adds the statement that lets `logging.s3.amazonaws.com` of the key's account use it. */
  readonly key: IKmsKey;
  /**
   * ARNs of the buckets whose server access logs come here (`arn:<partition>:s3:::<name>`, at
   * least one). The bucket policy admits S3 log delivery only for these (`aws:SourceArn`, ArnLike).
   */
  readonly sourceBucketArns: readonly string[];
  /** Retention table; objects expire after its `access` period. @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
}

const S3_BUCKET_ARN_RE = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The source bucket list of an access-log bucket: at least one S3 bucket ARN. Token-safe. */
function validateSourceBucketArns(path: string, value: readonly string[] | undefined): ValidationIssue[] {
  if (isUnresolved(value)) return [];
  if (!Array.isArray(value) || value.length === 0) {
    return [{ code: 'TYPE', path, value, rule: 'must list at least one source bucket ARN (arn:<partition>:s3:::<bucket>)' }];
  }
  return value.flatMap((arn, i) =>
    isUnresolved(arn) || (typeof arn === 'string' && S3_BUCKET_ARN_RE.test(arn))
      ? []
      : [{ code: 'ARN_FORMAT', path: `${path}[${i}]`, value: arn, rule: 'must be an S3 bucket ARN such as arn:aws:s3:::my-bucket' }],
  );
}

/**
 * The target of S3 server access logs. A bucket of its own (never the bucket it logs), with
 * versioning, SSE-KMS and a bucket key, all public access blocks, ACLs disabled, a TLS-only
 * policy that admits only the S3 logging service from this account and for the listed source
 * buckets (`aws:SourceAccount` and `aws:SourceArn`), and a lifecycle that expires logs after the
 * retention policy's `access` period (the current version at that age, its noncurrent version a
 * day later, then the leftover delete marker). It has no Object Lock default
 * retention, because S3 does not deliver server access logs to a bucket that has one.
 */
export class AccessLogBucket extends Construct {
  /** The provider bucket (escape hatch). */
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** Days after which access logs expire. */
  public readonly expireAfterDays: number;
  /** The bucket policy admitting S3 log delivery; logging configurations that target this bucket depend on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const retention = props.retention ?? RetentionPolicy.DEFAULT;
    assertAllValid([validateS3BucketName('bucketName', props.bucketName), ...validateSourceBucketArns('sourceBucketArns', props.sourceBucketArns)]);
    this.expireAfterDays = retention.retentionDays('access');

    // Created as `Default`: the resources keep the addresses they had when this construct made them itself.
    const secure = new SecureBucket(this, 'Default', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.kms(props.key),
      lifecycleRules: expiringRecordsRules('expire-access-logs', this.expireAfterDays),
    });
    // S3 server access logging writes with the bucket's key only if the key policy admits it.
    props.key.grantServiceUse('s3-server-access-logs');
    this.bucket = secure.bucket;
    this.bucketName = secure.bucketName;
    this.bucketArn = secure.bucketArn;
    const account = new DataAwsCallerIdentity(this, 'account');
    secure.addToResourcePolicy({
      Sid: 'AllowS3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${secure.bucketArn}/*`,
      Condition: {
        StringEquals: { 'aws:SourceAccount': account.accountId },
        ArnLike: { 'aws:SourceArn': [...props.sourceBucketArns] },
      },
    });
    this.policy = secure.policy;
  }

  /**
   * The `accessLogging` setting of a bucket that logs into this one: under `s3-access/<bucketName>/`,
   * configured once this bucket's policy admits the logging service.
   */
  public loggingFor(bucketName: string): BucketAccessLogging {
    return { targetBucket: this.bucketName, targetPrefix: `s3-access/${bucketName}/`, dependsOn: [this.policy] };
  }
}
