import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { NameParts, resourceName } from '@rampart/core';
import { IEventRuleTarget } from './alert-topic';
import { OCCURRENCE_ALARM } from './occurrence-alarm';

/** Properties of a {@link VpcDeletionAlarm}. */
export interface VpcDeletionAlarmProps {
  /** Prefix and environment the rule and alarm names are built from. */
  readonly names: NameParts;
  /**
   * The alert topic: the rule publishes each matched event to it, and the alarm sends its ALARM
   * notification to it. The topic's policy is extended to admit this rule (`aws:SourceArn`).
   */
  readonly alarmTarget: IEventRuleTarget;
}

/**
 * Notifies when a VPC in this account and region is deleted. AWS/EC2 publishes no metric for
 * API calls, so an EventBridge rule on the default bus matches the `DeleteVpc` CloudTrail event
 * (delivered while a trail records the account's management events, the organisation trail
 * included) and has the alert topic as its target: each deletion is published to the topic
 * directly. An alarm on the rule's `AWS/Events` `MatchedEvents` count (Sum over 5 minutes ≥ 1)
 * notifies the topic too; EventBridge delivers its metrics on a best-effort basis, so the alarm
 * is a second signal, not the one the notification depends on.
 *
 * EventBridge rules are regional: this watches the region of the stack only.
 */
export class VpcDeletionAlarm extends Construct {
  public readonly rule: CloudwatchEventRule;
  /** The rule's target: the alert topic. */
  public readonly target: CloudwatchEventTarget;
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
    props.alarmTarget.allowEventRule(this.rule.arn);
    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'alert-topic',
      arn: props.alarmTarget.topicArn,
    });
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: name,
      alarmDescription: 'A VPC was deleted (DeleteVpc)',
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensions: { RuleName: this.rule.name },
      ...OCCURRENCE_ALARM,
      alarmActions: [props.alarmTarget.topicArn],
    });
  }
}
