import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { NameParts, RampartValidationError, assertAllValid, isUnresolved, resourceName, validateIntegerRange, validateName, validateOneOf } from '@rampart/core';
import { IAlarmTarget } from './alert-topic';

/** Namespaces whose `CPUUtilization` metric the alarm can watch. */
export type CpuMetricNamespace = 'AWS/ECS' | 'AWS/RDS' | 'AWS/EC2';
export const CPU_METRIC_NAMESPACES: readonly CpuMetricNamespace[] = ['AWS/ECS', 'AWS/RDS', 'AWS/EC2'];

/** Properties of a {@link CpuAlarm}. */
export interface CpuAlarmProps {
  /** Prefix and environment the alarm name is built from (`<prefix>-<env>-<purpose>-cpu-high`). */
  readonly names: NameParts;
  /** What the alarm watches, e.g. `orders-api` (name segment rules). */
  readonly purpose: string;
  /** Namespace of the `CPUUtilization` metric. */
  readonly namespace: CpuMetricNamespace;
  /** Metric dimensions, e.g. `{ ClusterName, ServiceName }` for ECS or `{ DBInstanceIdentifier }` for RDS. At least one. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Where ALARM and OK notifications go. */
  readonly alarmTarget: IAlarmTarget;
  /** Average CPU percentage that alarms (1-100). @default 80 */
  readonly thresholdPercent?: number;
  /** Length of one evaluation period in seconds: 60 or a multiple of 60 up to 86400. @default 300 */
  readonly periodSeconds?: number;
  /** Consecutive periods above the threshold before alarming (1-100). @default 2 */
  readonly evaluationPeriods?: number;
}

/** Expected dimensions per namespace, so that a typo does not produce an alarm on a metric that never exists. */
const REQUIRED_DIMENSIONS: Record<CpuMetricNamespace, readonly string[][]> = {
  'AWS/ECS': [['ClusterName', 'ServiceName'], ['ClusterName']],
  'AWS/RDS': [['DBInstanceIdentifier'], ['DBClusterIdentifier']],
  'AWS/EC2': [['InstanceId'], ['AutoScalingGroupName']],
};

/**
 * A reusable high-CPU alarm for a workload (ECS service, RDS instance, EC2): average
 * `CPUUtilization` above a threshold for N periods notifies the alert topic, and so does the
 * return to OK. Missing data does not alarm.
 */
export class CpuAlarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: CpuAlarmProps) {
    super(scope, id);
    const threshold = props.thresholdPercent ?? 80;
    const period = props.periodSeconds ?? 300;
    const evaluationPeriods = props.evaluationPeriods ?? 2;
    assertAllValid([
      validateName('purpose', props.purpose, { maxLength: 200 }),
      validateOneOf('namespace', props.namespace, CPU_METRIC_NAMESPACES),
      validateIntegerRange('thresholdPercent', threshold, 1, 100),
      validateIntegerRange('periodSeconds', period, 60, 86400),
      validateIntegerRange('evaluationPeriods', evaluationPeriods, 1, 100),
    ]);
    if (!isUnresolved(period) && period % 60 !== 0) {
      throw new RampartValidationError({ code: 'OUT_OF_RANGE', path: 'periodSeconds', value: period, rule: 'must be a multiple of 60' });
    }
    const keys = Object.keys(props.dimensions).sort();
    if (!REQUIRED_DIMENSIONS[props.namespace].some((set) => set.length === keys.length && [...set].sort().every((k, i) => k === keys[i]))) {
      throw new RampartValidationError({
        code: 'DIMENSIONS',
        path: 'dimensions',
        value: props.dimensions,
        rule: `must be exactly one of ${REQUIRED_DIMENSIONS[props.namespace].map((s) => `{${s.join(', ')}}`).join(' or ')} for ${props.namespace}`,
      });
    }

    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: resourceName(props.names, `${props.purpose}-cpu-high`, 255),
      alarmDescription: `Average CPU of ${props.purpose} above ${threshold}% for ${evaluationPeriods} × ${period} s`,
      namespace: props.namespace,
      metricName: 'CPUUtilization',
      dimensions: { ...props.dimensions },
      statistic: 'Average',
      period,
      evaluationPeriods,
      threshold,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      actionsEnabled: true,
      alarmActions: [props.alarmTarget.topicArn],
      okActions: [props.alarmTarget.topicArn],
    });
  }
}
