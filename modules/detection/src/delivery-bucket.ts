import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Construct } from 'constructs';
import { BucketEncryption, IKmsKey, PolicyStatement, SecureBucket, ValidationIssue, assertAllValid, validateAccountId, validateIntegerRange, validateS3BucketName } from '@rampart/core';
import { AccessLogBucket, expiringRecordsRules } from '@rampart/logging';

/** Properties of {@link OrganizationDeliveryBucket}. */
export interface OrganizationDeliveryBucketProps {
  /** Bucket name (S3 rules). Changing it replaces the bucket. */
  readonly bucketName: string;
  /** The log-archive key: SSE-KMS with a bucket key. */
  readonly key: IKmsKey;
  /** Where the bucket's server access logs go. */
  readonly accessLogBucket: AccessLogBucket;
  /** Admit AWS Config of every account of this organisation (`aws:SourceOrgID`). @default - Config not admitted */
  readonly configOrganizationId?: string;
  /** Admit GuardDuty findings exports of these accounts (`aws:SourceAccount`). @default - GuardDuty not admitted */
  readonly guardDutyAccountIds?: readonly string[];
  /** Days records are kept before they expire (1-3650). @default 2557 (7 years) */
  readonly expireAfterDays?: number;
}

/**
 * A bucket in the log-archive account that AWS services of the organisation deliver into:
 * versioned, SSE-KMS under the log-archive key, all public access blocks, ACLs disabled, a
 * TLS-only policy that admits AWS Config by source organisation and GuardDuty by source
 * account only, server access logging, and expiry after the records' life.
 */
export class OrganizationDeliveryBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: OrganizationDeliveryBucketProps) {
    super(scope, id);
    const expire = props.expireAfterDays ?? 2557;
    const guardDuty = props.guardDutyAccountIds ?? [];
    const issues: Array<ValidationIssue | undefined> = [
      validateS3BucketName('bucketName', props.bucketName),
      validateIntegerRange('expireAfterDays', expire, 1, 3650),
      ...guardDuty.map((a, i) => validateAccountId(`guardDutyAccountIds[${i}]`, a)),
    ];
    if (props.configOrganizationId === undefined && guardDuty.length === 0) {
      issues.push({ code: 'REQUIRED', path: 'configOrganizationId', value: undefined, rule: 'admit at least one writer: configOrganizationId or guardDutyAccountIds' });
    }
    assertAllValid(issues);
    // Created as `Default`: the resources keep the addresses they had when this construct made them itself.
    const secure = new SecureBucket(this, 'Default', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.kms(props.key),
      lifecycleRules: expiringRecordsRules('expire-records', expire),
      accessLogging: props.accessLogBucket.loggingFor(props.bucketName),
    });
    this.bucket = secure.bucket;
    this.bucketName = secure.bucketName;
    this.bucketArn = secure.bucketArn;
    const arn = secure.bucketArn;
    const statements: PolicyStatement[] = [];
    if (props.configOrganizationId !== undefined) {
      const org = { 'aws:SourceOrgID': props.configOrganizationId };
      statements.push(
        { Sid: 'ConfigAclCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: org } },
        { Sid: 'ConfigListBucket', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:ListBucket', Resource: arn, Condition: { StringEquals: org } },
        {
          Sid: 'ConfigDelivery',
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${arn}/AWSLogs/*/Config/*`,
          Condition: { StringEquals: { ...org, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      );
    }
    if (guardDuty.length > 0) {
      const src = { 'aws:SourceAccount': [...guardDuty] };
      statements.push(
        { Sid: 'GuardDutyBucketLocation', Effect: 'Allow', Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:GetBucketLocation', Resource: arn, Condition: { StringEquals: src } },
        { Sid: 'GuardDutyExport', Effect: 'Allow', Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/*`, Condition: { StringEquals: src } },
      );
    }
    for (const statement of statements) secure.addToResourcePolicy(statement);
    this.policy = secure.policy;
  }
}
