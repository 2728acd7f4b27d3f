import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { IKmsKey, ValidationIssue, assertValid, isUnresolved, LogClass, LOG_CLASSES, RetentionPolicy } from '@rampart/core';

/** Properties of a {@link ClassifiedLogGroup}. */
export interface ClassifiedLogGroupProps {
  /** Log group name: 1-512 characters of letters, digits and `._-/#`. Changing it replaces the group. */
  readonly logGroupName: string;
  /** What the group holds; its retention comes from the retention policy for this class. */
  readonly logClass: LogClass;
  /** Customer-managed key the group is encrypted with (the group adds the CloudWatch Logs statement to its policy). */
  readonly key: IKmsKey;
  /** Retention table. @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
}

/** A CloudWatch Logs group name (token-safe). */
export function validateLogGroupName(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^[\w./#-]{1,512}$/.test(value) || value.includes('..')) {
    return { code: 'NAME_FORMAT', path, value, rule: 'must be 1-512 characters of letters, digits and . _ - / # (no "..")' };
  }
  return undefined;
}

/**
 * A CloudWatch log group that always has a retention (from the {@link RetentionPolicy} for its
 * log class) and a customer-managed KMS key. The audit trail's log group is one, and so should be
 * any log group a workload adds. The network module's `FlowLogs` creates its own log group
 * instead; the environment stacks pass it the number from their policy
 * (`retention.retentionDays('vpc-flow-logs')`), so its period comes from the same table.
 */
export class ClassifiedLogGroup extends Construct {
  /** The provider resource (escape hatch). */
  public readonly logGroup: CloudwatchLogGroup;
  /** Log group name. */
  public readonly logGroupName: string;
  /** Log group ARN without the `:*` suffix. */
  public readonly logGroupArn: string;
  /** Retention in days applied to the group. */
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: ClassifiedLogGroupProps) {
    super(scope, id);
    const retention = props.retention ?? RetentionPolicy.DEFAULT;
    assertValid(validateLogGroupName('logGroupName', props.logGroupName));
    if (!LOG_CLASSES.includes(props.logClass)) {
      assertValid({ code: 'ENUM', path: 'logClass', value: props.logClass, rule: `must be one of ${LOG_CLASSES.join(', ')}` });
    }
    this.retentionDays = retention.retentionDays(props.logClass);
    this.logGroup = new CloudwatchLogGroup(this, 'group', {
      name: props.logGroupName,
      retentionInDays: this.retentionDays,
      kmsKeyId: props.key.keyArn,
    });
    props.key.grantServiceUse('cloudwatch-logs');
    this.logGroupName = this.logGroup.name;
    this.logGroupArn = this.logGroup.arn;
  }
}
