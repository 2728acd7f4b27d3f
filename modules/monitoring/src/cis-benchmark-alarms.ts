import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { NameParts, RampartValidationError, reportOptOut, resourceName } from '@rampart/core';
import { IAlarmTarget } from './alert-topic';
import { CIS_METRIC_FILTERS, CisFilterId, CisMetricFilter } from './cis-metric-filters';
import { OCCURRENCE_ALARM } from './occurrence-alarm';

/** A CIS alarm left out on purpose, with the reason. */
export interface CisExclusion {
  readonly id: CisFilterId;
  /** Why (at least 10 characters); recorded in the policy report. */
  readonly reason: string;
}

/** Properties of {@link CisBenchmarkAlarms}. */
export interface CisBenchmarkAlarmsProps {
  /** Prefix and environment the filter and alarm names are built from. */
  readonly names: NameParts;
  /** The CloudWatch log group a multi-region CloudTrail trail delivers to. */
  readonly logGroupName: string;
  /** Where every alarm sends its ALARM notification. */
  readonly alarmTarget: IAlarmTarget;
  /** Metric namespace of the filters' metrics. @default 'CISBenchmark' */
  readonly metricNamespace?: string;
  /** Opt-out: alarms to leave out, each with a reason; each reports `monitoring.cis.<id>-excluded`. @default - none */
  readonly exclude?: readonly CisExclusion[];
}

/** The metric filter and alarm made for one CIS recommendation. */
export interface CisAlarm {
  readonly filter: CisMetricFilter;
  readonly metricFilter: CloudwatchLogMetricFilter;
  readonly alarm: CloudwatchMetricAlarm;
}

/**
 * The 15 CIS AWS Foundations Benchmark section-4 metric filters on a CloudTrail log group,
 * each with an alarm (Sum over 5 minutes ≥ 1) whose ALARM action notifies the alert topic.
 */
export class CisBenchmarkAlarms extends Construct {
  /** The alarms made, by filter id. */
  public readonly alarms: Readonly<Partial<Record<CisFilterId, CisAlarm>>>;

  constructor(scope: Construct, id: string, props: CisBenchmarkAlarmsProps) {
    super(scope, id);
    const namespace = props.metricNamespace ?? 'CISBenchmark';
    const exclude = props.exclude ?? [];
    exclude.forEach((e, i) => {
      if (!CIS_METRIC_FILTERS.some((f) => f.id === e.id)) {
        throw new RampartValidationError({ code: 'ENUM', path: `exclude[${i}].id`, value: e.id, rule: `must be one of ${CIS_METRIC_FILTERS.map((f) => f.id).join(', ')}` });
      }
      if (typeof e.reason !== 'string' || e.reason.trim().length < 10) {
        throw new RampartValidationError({ code: 'REASON_REQUIRED', path: `exclude[${i}].reason`, value: e.reason, rule: 'must explain the exclusion in at least 10 characters' });
      }
    });
    if (!/^[A-Za-z0-9._/#:-]{1,255}$/.test(namespace)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'metricNamespace', value: namespace, rule: 'must be 1-255 characters of letters, digits and . _ / # : -' });
    }

    const alarms: Partial<Record<CisFilterId, CisAlarm>> = {};
    for (const filter of CIS_METRIC_FILTERS) {
      const excluded = exclude.find((e) => e.id === filter.id);
      if (excluded) {
        reportOptOut(this, { id: `monitoring.cis.${filter.id}-excluded`, message: `CIS ${filter.cis} alarm (${filter.description}) is not created`, reason: excluded.reason });
        continue;
      }
      const name = resourceName(props.names, `cis-${filter.cis.replace('.', '-')}-${filter.id}`, 255);
      const metricFilter = new CloudwatchLogMetricFilter(this, `${filter.id}-filter`, {
        name,
        logGroupName: props.logGroupName,
        pattern: filter.pattern,
        metricTransformation: { name: filter.id, namespace, value: '1' },
      });
      const alarm = new CloudwatchMetricAlarm(this, `${filter.id}-alarm`, {
        alarmName: name,
        alarmDescription: `CIS AWS Foundations ${filter.cis}${filter.securityHubControl ? ` (Security Hub ${filter.securityHubControl})` : ''}: ${filter.description}`,
        namespace,
        metricName: filter.id,
        ...OCCURRENCE_ALARM,
        alarmActions: [props.alarmTarget.topicArn],
        dependsOn: [metricFilter],
      });
      alarms[filter.id] = { filter, metricFilter, alarm };
    }
    this.alarms = alarms;
  }
}
