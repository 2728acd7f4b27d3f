import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { Construct } from 'constructs';
import { NameParts, isUnresolved, assertAllValid, resourceName, validateOneOf, validateS3BucketName } from '@rampart/core';

/** How often AWS Config delivers a configuration snapshot. */
export type SnapshotFrequency = 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
export const SNAPSHOT_FREQUENCIES: readonly SnapshotFrequency[] = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];

/** Properties of {@link ConfigRecorder}. */
export interface ConfigRecorderProps {
  /** Prefix and environment; the recorder and channel are named `<prefix>-<env>-config`. */
  readonly names: NameParts;
  /** Bucket the delivery channel writes to (usually the log-archive account's Config bucket). */
  readonly deliveryBucketName: string;
  /** KMS key ARN the delivery channel encrypts with (the log-archive key); its policy must admit config.amazonaws.com. */
  readonly deliveryKeyArn: string;
  /**
   * Record global resource types (IAM users, roles, policies). Set it in the home region only,
   * so that each global item is recorded once per account.
   * @default true
   */
  readonly recordGlobalResources?: boolean;
  /** How often a configuration snapshot is delivered. @default 'TwentyFour_Hours' */
  readonly snapshotFrequency?: SnapshotFrequency;
  /**
   * Create the service-linked role AWSServiceRoleForConfig. Set false where it already exists
   * (a second create fails); the recorder then uses the existing one.
   * @default true
   */
  readonly createServiceLinkedRole?: boolean;
}

/**
 * An AWS Config recorder that records every supported resource type (global types only where
 * `recordGlobalResources`), through the service-linked role, with a delivery channel to an
 * encrypted bucket and the recorder switched on.
 */
export class ConfigRecorder extends Construct {
  public readonly recorder: ConfigConfigurationRecorder;
  public readonly deliveryChannel: ConfigDeliveryChannel;
  /** The recorder status (is_enabled = true); rules should depend on it. */
  public readonly status: ConfigConfigurationRecorderStatus;
  /** The service-linked role, when created here. */
  public readonly serviceLinkedRole?: IamServiceLinkedRole;
  public readonly recorderName: string;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const frequency = props.snapshotFrequency ?? 'TwentyFour_Hours';
    assertAllValid([
      validateS3BucketName('deliveryBucketName', props.deliveryBucketName),
      validateOneOf('snapshotFrequency', frequency, SNAPSHOT_FREQUENCIES),
      isUnresolved(props.deliveryKeyArn) || /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(props.deliveryKeyArn)
        ? undefined
        : { code: 'ARN_FORMAT', path: 'deliveryKeyArn', value: props.deliveryKeyArn, rule: 'must be a KMS key or alias ARN' },
    ]);
    const name = resourceName(props.names, 'config');
    this.recorderName = name;
    let roleArn: string;
    if (props.createServiceLinkedRole ?? true) {
      this.serviceLinkedRole = new IamServiceLinkedRole(this, 'service-role', { awsServiceName: 'config.amazonaws.com' });
      roleArn = this.serviceLinkedRole.arn;
    } else {
      const partition = new DataAwsPartition(this, 'partition');
      const account = new DataAwsCallerIdentity(this, 'account');
      roleArn = `arn:${partition.partition}:iam::${account.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    }
    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name,
      roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResources ?? true },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, 'delivery-channel', {
      name,
      s3BucketName: props.deliveryBucketName,
      s3KmsKeyArn: props.deliveryKeyArn,
      snapshotDeliveryProperties: { deliveryFrequency: frequency },
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }
}
