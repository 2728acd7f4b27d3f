import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import {
  IKmsKey,
  NameParts,
  RampartValidationError,
  kmsAliasName,
  kmsKeyReference,
  resourceName,
  validateLogRetention,
  renderPolicy,
  serviceTrustPolicy,
  FLOW_LOG_MIN_RETENTION_DAYS,
} from '@rampart/core';
export { FLOW_LOG_MIN_RETENTION_DAYS } from '@rampart/core';

/** Properties of {@link FlowLogs}. */
export interface FlowLogsProps {
  /** The VPC to capture. */
  readonly vpcId: string;
  /** Prefix and environment for names. */
  readonly names: NameParts;
  /**
   * Key that encrypts the log group. Its policy must admit the CloudWatch Logs service
   * principal of the region.
   * @default - a key of its own: rotation on, policy admitting logs.<region>.amazonaws.com for this log group only
   */
  readonly key?: IKmsKey;
  /**
   * Days to keep the logs: a CloudWatch Logs retention period of at least 90.
   * @default 90
   */
  readonly retentionInDays?: number;
}

/**
 * VPC flow logs: ALL traffic to a CloudWatch log group encrypted with a KMS key, kept 90 days
 * by default. The delivery role can write to that one log group and nothing else.
 */
export class FlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;
  public readonly flowLog: FlowLog;
  /** The key that encrypts the log group (the one passed in, or the one created). */
  public readonly key: IKmsKey;
  /** The key resource, when the construct created one. */
  public readonly createdKey?: KmsKey;
  public readonly retentionInDays: number;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const retentionInDays = props.retentionInDays ?? FLOW_LOG_MIN_RETENTION_DAYS;
    const P = 'FlowLogsProps';
    const retentionIssue = validateLogRetention(`${P}.retentionInDays`, retentionInDays);
    if (retentionIssue) throw new RampartValidationError(retentionIssue);
    if (retentionInDays < FLOW_LOG_MIN_RETENTION_DAYS) {
      throw new RampartValidationError({ code: 'LOG_RETENTION', path: `${P}.retentionInDays`, value: retentionInDays, rule: `VPC flow logs are kept at least ${FLOW_LOG_MIN_RETENTION_DAYS} days` });
    }
    if (props.key && props.key.purpose !== 'logs') {
      throw new RampartValidationError({ code: 'KEY_PURPOSE', path: `${P}.key`, value: props.key.purpose, rule: 'must be a key whose purpose is "logs"' });
    }
    this.retentionInDays = retentionInDays;

    const name = resourceName(props.names, 'vpc-flow-logs');
    const logGroupName = `/rampart/${name}`;
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    const arnPrefix = `arn:${partition.partition}`;

    let key: IKmsKey;
    if (props.key) key = props.key;
    else {
      const created = new KmsKey(this, 'key', {
        description: `Encrypts the VPC flow log group ${logGroupName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: renderPolicy([
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `${arnPrefix}:iam::${account.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsUsesForThisLogGroup',
            Effect: 'Allow',
            Principal: { Service: `logs.${region.name}.${partition.dnsSuffix}` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: {
              ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `${arnPrefix}:logs:${region.name}:${account.accountId}:log-group:${logGroupName}` },
            },
          },
        ]),
        tags: { Name: `${name}-key` },
      });
      new KmsAlias(this, 'alias', { name: kmsAliasName(props.names, 'vpc-flow-logs'), targetKeyId: created.keyId });
      this.createdKey = created;
      // Its own policy already admits CloudWatch Logs for this log group.
      key = kmsKeyReference({ keyArn: created.arn, keyId: created.keyId, purpose: 'logs' });
    }
    this.key = key;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays,
      kmsKeyId: key.keyArn,
      tags: { Name: logGroupName },
    });
    key.grantServiceUse('cloudwatch-logs');

    this.role = new IamRole(this, 'role', {
      name: `${name}-delivery`,
      description: 'Delivers VPC flow logs to one log group',
      assumeRolePolicy: renderPolicy(
        serviceTrustPolicy('vpc-flow-logs.amazonaws.com', {
          StringEquals: { 'aws:SourceAccount': account.accountId },
          ArnLike: { 'aws:SourceArn': `${arnPrefix}:ec2:${region.name}:${account.accountId}:vpc-flow-log/*` },
        }),
      ),
      tags: { Name: `${name}-delivery` },
    });
    new IamRolePolicy(this, 'role-policy', {
      name: 'write-one-log-group',
      role: this.role.name,
      policy: renderPolicy([
        {
          Sid: 'WriteThisLogGroupOnly',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });

    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 60,
      tags: { Name: name },
    });
  }
}
