import { Annotations } from 'cdktf';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import {
  BucketEncryption,
  DATA_CLASS_TAG,
  DataClass,
  RampartValidationError,
  SecureBucket,
  StackContext,
  assertValid,
  isSensitiveDataClass,
  validateIntegerRange,
  validateS3BucketName,
} from '@rampart/core';
import { Construct } from 'constructs';

/** Metadata type recording why a resource uses an encryption other than a customer-managed key. */
export const ENCRYPTION_EXCEPTION_METADATA = 'rampart:encryption-exception';

/** Properties of an {@link AlbAccessLogBucket}. */
export interface AlbAccessLogBucketProps {
  /** Bucket name (S3 rules). Changing it replaces the bucket. */
  readonly bucketName: string;
  /** Key prefix the load balancer writes under (no leading or trailing slash, not containing `AWSLogs`). @default 'alb' */
  readonly prefix?: string;
  /** Days objects are kept before they expire. @default 90 */
  readonly expirationDays?: number;
  /**
   * Data class of the logs. Load balancer access logs can only be written with SSE-S3, so a
   * sensitive class (pii, financial, health, restricted), which needs a customer-managed key, is rejected.
   * @default 'internal'
   */
  readonly dataClass?: DataClass;
  /**
   * Also grant the region's Elastic Load Balancing account (regions opened before August 2022 deliver
   * logs from it). Turn off in newer regions, which use only the log-delivery service principal
   * and have no such account.
   * @default true
   */
  readonly grantRegionalElbAccount?: boolean;
}

/**
 * The S3 bucket an Application Load Balancer writes its access logs to: private (public access
 * blocked, owner-enforced), versioned, TLS-only, objects expiring after `expirationDays`.
 *
 * Encryption is SSE-S3 (AES-256), not a customer-managed key: Elastic Load Balancing supports
 * only SSE-S3 on an access-log bucket and silently stops delivering logs to a bucket whose
 * default encryption is SSE-KMS. The exception is recorded as `rampart:encryption-exception`
 * metadata and an info annotation, and sensitive data classes are refused for this bucket.
 */
export class AlbAccessLogBucket extends Construct {
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** Key prefix the load balancer must be configured with. */
  public readonly prefix: string;
  /** Escape hatch: the provider resource. */
  public readonly resource: S3Bucket;
  /** The bucket policy that lets Elastic Load Balancing write; a load balancer must depend on it. */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AlbAccessLogBucketProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'alb';
    const expirationDays = props.expirationDays ?? 90;
    const dataClass = props.dataClass ?? 'internal';
    const regionalAccount = props.grantRegionalElbAccount ?? true;

    assertValid(validateS3BucketName('bucketName', props.bucketName));
    if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(prefix) || prefix.includes('AWSLogs')) {
      throw new RampartValidationError({ code: 'PREFIX_FORMAT', path: 'prefix', value: prefix, rule: 'must be an S3 key prefix without leading or trailing slash that does not contain AWSLogs' });
    }
    assertValid(validateIntegerRange('expirationDays', expirationDays, 1, 3650));
    if (isSensitiveDataClass(dataClass)) {
      throw new RampartValidationError({
        code: 'DATA_CLASS_ENCRYPTION',
        path: 'dataClass',
        value: dataClass,
        rule: 'load balancer access logs support only SSE-S3, which is not allowed for sensitive data classes',
      });
    }

    const context = StackContext.of(this);
    this.prefix = prefix;
    // Created as `Default`: the resources keep the addresses they had when this construct made them itself.
    const secure = new SecureBucket(this, 'Default', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.s3Managed('Elastic Load Balancing writes access logs only to buckets encrypted with SSE-S3 (SSE-KMS is not supported)'),
      tags: { [DATA_CLASS_TAG]: dataClass },
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: expirationDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 7 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    this.resource = secure.bucket;

    const objects = `${secure.bucketArn}/${prefix}/AWSLogs/${context.accountId}/*`;
    const writers = [{ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' } as Record<string, string>];
    if (regionalAccount) writers.push({ AWS: new DataAwsElbServiceAccount(this, 'elb-account').arn });
    writers.forEach((principal, i) => secure.addToResourcePolicy({ Sid: `AllowLoadBalancerLogDelivery${i}`, Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: objects }));
    this.policy = secure.policy;

    this.node.addMetadata(ENCRYPTION_EXCEPTION_METADATA, {
      encryption: 'SSE-S3',
      reason: 'Elastic Load Balancing writes access logs only to buckets encrypted with SSE-S3 (SSE-KMS is not supported)',
    });
    Annotations.of(this).addInfo('[workloads.alb-logs-sse-s3] access-log bucket uses SSE-S3: load balancers cannot deliver logs to an SSE-KMS bucket');
    this.bucketName = this.resource.bucket;
    this.bucketArn = this.resource.arn;
  }
}
