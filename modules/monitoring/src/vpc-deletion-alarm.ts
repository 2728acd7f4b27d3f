import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { NameParts, resourceName } from '@rampart/core';
import { IAlarmTarget } from './alert-topic';

/** Properties of a {@link VpcDeletionAlarm}. */
export interface VpcDeletionAlarmProps {
  /** Prefix and environment the rule and alarm names are built from. */
  readonly names: NameParts;
  /** Where the alarm sends its ALARM notification. */
  readonly alarmTarget: IAlarmTarget;
}

/**
 * Alarms when a VPC in this account and region is deleted. AWS/EC2 publishes no metric for
 * API calls, so an EventBridge rule matches the `DeleteVpc` CloudTrail event (delivered to the
 * account's default bus while a trail records its management events, the organisation trail
 * included) and the alarm watches the rule's `AWS/Events` `MatchedEvents` count: Sum over
 * 5 minutes ≥ 1, so a single deletion alarms.
 */
export class VpcDeletionAlarm extends Construct {
  public readonly rule: CloudwatchEventRule;
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: VpcDeletionAlarmProps) {
    super(scope, id);
    const name = resourceName(props.names, 'vpc-deletion');
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name,
      description: 'DeleteVpc API calls recorded by CloudTrail',
      eventPattern: JSON.stringify({
        source: ['aws.ec2'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['DeleteVpc'] },
      }),
    });
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: name,
      alarmDescription: 'A VPC was deleted (DeleteVpc)',
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensions: { RuleName: this.rule.name },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      actionsEnabled: true,
      alarmActions: [props.alarmTarget.topicArn],
    });
  }
}
