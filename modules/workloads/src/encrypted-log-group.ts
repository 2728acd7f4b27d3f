import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DATA_CLASS_TAG, DataClass, IKmsKey } from '@rampart/core';
import { RetentionPolicy } from '@rampart/logging';
import { Construct } from 'constructs';
import { assertLogsKey } from './key-checks';
import { resolveLogRetention } from './log-retention';

/** Properties of an {@link EncryptedLogGroup}. */
export interface EncryptedLogGroupProps {
  /** Log group name. Changing it replaces the log group. */
  readonly name: string;
  /** Key the log group is encrypted with: the `logs` key or the key of `dataClass`. */
  readonly key: IKmsKey;
  /** Data class of what is logged: sets the minimum retention, and the DataClassification tag when `key` is that class's key. */
  readonly dataClass: DataClass;
  /**
   * Retention in days; a CloudWatch Logs period, at least the retention policy's value for the class.
   * @default - the policy's `application-pii` retention (365) for pii, financial, health, restricted; `application` (30) otherwise
   */
  readonly retentionDays?: number;
  /** The retention table (the logging module's RetentionPolicy). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Prop paths used in error messages, when the log group is part of a larger construct. @default - `key`, `retentionDays` */
  readonly errorPaths?: { readonly key: string; readonly retentionDays: string };
}

/** A CloudWatch log group encrypted with a customer-managed key, kept as long as its data class requires. */
export class EncryptedLogGroup extends Construct {
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  public readonly retentionDays: number;
  /** Escape hatch: the provider resource. */
  public readonly resource: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    const paths = props.errorPaths ?? { key: 'key', retentionDays: 'retentionDays' };
    assertLogsKey(paths.key, props.key, props.dataClass);
    this.retentionDays = resolveLogRetention(paths.retentionDays, props.dataClass, props.retentionDays, props.retention);
    this.resource = new CloudwatchLogGroup(this, 'group', {
      name: props.name,
      kmsKeyId: props.key.keyArn,
      retentionInDays: this.retentionDays,
      // Labelled with the data class only when encrypted with that class's key: the data-class
      // binding check requires a sensitive label to match the key, and the logs key is a platform purpose.
      ...(props.key.purpose === props.dataClass ? { tags: { [DATA_CLASS_TAG]: props.dataClass } } : {}),
    });
    props.key.grantServiceUse('cloudwatch-logs');
    this.logGroupName = this.resource.name;
    this.logGroupArn = this.resource.arn;
  }
}
