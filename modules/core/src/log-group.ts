import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { IKmsKey } from './contracts';
import { DataClass } from './data-class';
import { DATA_CLASS_TAG } from './tags';
import { RampartValidationError, ValidationIssue, assertValid } from './errors';
import { validateLogRetention } from './retention';
import { LOG_CLASSES, LogClass, RetentionPolicy } from './retention-policy';
import { isUnresolved } from './validators';

/** Properties of an {@link EncryptedLogGroup}. */
export interface EncryptedLogGroupProps {
  /** Log group name: 1-512 characters of letters, digits and `._-/#`. Changing it replaces the group. */
  readonly logGroupName: string;
  /** What the group holds; its retention comes from the retention policy for this class. */
  readonly logClass: LogClass;
  /**
   * Customer-managed key the group is encrypted with. The group adds the CloudWatch Logs
   * statement to the key's policy (`key.grantServiceUse('cloudwatch-logs')`).
   */
  readonly key: IKmsKey;
  /** Retention table. @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /**
   * Retention in days, when longer than the policy's: a CloudWatch Logs period, at least the
   * policy's value for `logClass`.
   * @default - the retention policy's value for `logClass`
   */
  readonly retentionDays?: number;
  /**
   * Data class of what is logged: the group is labelled with it (`DataClassification` tag) when
   * `key` is that class's key, so the data-class binding check can compare label and key.
   * @default - no label (the provider's default tags apply)
   */
  readonly dataClass?: DataClass;
  /** Tags of the group. @default - none */
  readonly tags?: Record<string, string>;
  /** Prop path of `retentionDays` in error messages, when the group is part of a larger construct. @default 'retentionDays' */
  readonly retentionDaysPath?: string;
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
 * A log group's retention from a retention policy: the policy's value for the class when none
 * is requested; otherwise the requested value, which must be a CloudWatch Logs period and not
 * shorter than the policy's (`LOG_RETENTION`).
 */
export function resolveLogRetention(path: string, logClass: LogClass, requested: number | undefined, retention: RetentionPolicy = RetentionPolicy.DEFAULT): number {
  const minimum = retention.retentionDays(logClass);
  if (requested === undefined) return minimum;
  assertValid(validateLogRetention(path, requested));
  if (!isUnresolved(requested) && !isUnresolved(minimum) && requested < minimum) {
    throw new RampartValidationError({ code: 'LOG_RETENTION', path, value: requested, rule: `must be at least ${minimum} days, the ${logClass} retention` });
  }
  return requested;
}

/**
 * The one CloudWatch log group of the catalogue: always encrypted with a customer-managed key
 * (whose policy it completes for CloudWatch Logs) and always kept as long as the
 * {@link RetentionPolicy} says for its log class.
 */
export class EncryptedLogGroup extends Construct {
  /** The provider resource (escape hatch). */
  public readonly logGroup: CloudwatchLogGroup;
  /** Log group name. */
  public readonly logGroupName: string;
  /** Log group ARN without the `:*` suffix. */
  public readonly logGroupArn: string;
  /** Retention in days applied to the group. */
  public readonly retentionDays: number;
  /** The key the group is encrypted with. */
  public readonly key: IKmsKey;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    assertValid(validateLogGroupName('logGroupName', props.logGroupName));
    if (!LOG_CLASSES.includes(props.logClass)) {
      assertValid({ code: 'ENUM', path: 'logClass', value: props.logClass, rule: `must be one of ${LOG_CLASSES.join(', ')}` });
    }
    this.retentionDays = resolveLogRetention(props.retentionDaysPath ?? 'retentionDays', props.logClass, props.retentionDays, props.retention);
    this.key = props.key;
    const tags = { ...(props.tags ?? {}), ...(props.dataClass !== undefined && props.key.purpose === props.dataClass ? { [DATA_CLASS_TAG]: props.dataClass } : {}) };
    this.logGroup = new CloudwatchLogGroup(this, 'group', {
      name: props.logGroupName,
      retentionInDays: this.retentionDays,
      kmsKeyId: props.key.keyArn,
      ...(Object.keys(tags).length > 0 ? { tags } : {}),
    });
    props.key.grantServiceUse('cloudwatch-logs');
    this.logGroupName = this.logGroup.name;
    this.logGroupArn = this.logGroup.arn;
  }
}
