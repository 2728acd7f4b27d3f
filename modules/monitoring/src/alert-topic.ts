import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { IKmsKey, NameParts, assertAllValid, denyInsecureTransport, renderPolicy, reportOptOut, resourceName, AlertProtocol, validateAlertSubscription } from '@rampart/core';
export { ALERT_PROTOCOLS, validateAlertSubscription } from '@rampart/core';
export type { AlertProtocol } from '@rampart/core';

/** One recipient of the alert topic. */
export interface AlertSubscription {
  /** `email` or `https`. */
  readonly protocol: AlertProtocol;
  /** An email address, or an `https://` URL. */
  readonly endpoint: string;
}

/** Something alarms can notify: an SNS topic ARN. */
export interface IAlarmTarget {
  readonly topicArn: string;
}

/** An alarm target that EventBridge rules may publish to once granted (an {@link AlertTopic}). */
export interface IEventRuleTarget extends IAlarmTarget {
  /** Lets `events.amazonaws.com` publish to the topic for this one rule (`aws:SourceArn`). */
  allowEventRule(ruleArn: string): void;
}

/** Properties of an {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Prefix and environment the topic name is built from (`<prefix>-<env>-alerts`). */
  readonly names: NameParts;
  /**
   * Customer-managed key the topic is encrypted with. The topic adds the key-policy statements
   * its publishers need: CloudWatch alarms of the key's account, and EventBridge once a rule is
   * allowed ({@link AlertTopic.allowEventRule}).
   */
  readonly key: IKmsKey;
  /**
   * Recipients. An empty list is an opt-out: the topic notifies nobody, and the construct warns
   * `monitoring.alert-topic.no-subscriptions` (state why in `noSubscriptionsReason`).
   * @default - none (the opt-out above)
   */
  readonly subscriptions?: readonly AlertSubscription[];
  /** Why the topic has no subscriptions (for example: subscribed outside this code); shown with the warning. @default - none */
  readonly noSubscriptionsReason?: string;
}

/**
 * The SNS topic alarms notify: encrypted with a customer-managed key, with email and https
 * subscriptions, and a policy that lets CloudWatch alarms of this account publish, the account
 * manage the topic, EventBridge publish for the rules granted with {@link allowEventRule}, and
 * refuses any publish not made over TLS. A topic without subscriptions notifies nobody; that is
 * a reported opt-out (`monitoring.alert-topic.no-subscriptions`).
 */
export class AlertTopic extends Construct implements IEventRuleTarget {
  /** The provider topic (escape hatch). */
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  public readonly topicName: string;
  /** The topic policy (escape hatch). */
  public readonly policy: SnsTopicPolicy;
  /** The key the topic is encrypted with. */
  public readonly key: IKmsKey;
  private readonly eventRuleArns: string[] = [];

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const subscriptions = props.subscriptions ?? [];
    assertAllValid(
      subscriptions.flatMap((s, i) => validateAlertSubscription(`subscriptions[${i}]`, s)),
      'Invalid alert subscriptions',
    );
    const name = resourceName(props.names, 'alerts', 256);
    if (subscriptions.length === 0) {
      reportOptOut(this, {
        id: 'monitoring.alert-topic.no-subscriptions',
        message: 'the alert topic has no subscriptions, so its alarms notify nobody',
        reason: props.noSubscriptionsReason,
      });
    }

    this.key = props.key;
    this.topic = new SnsTopic(this, 'topic', { name, kmsMasterKeyId: props.key.keyArn });
    // Alarms publish to the encrypted topic only if the key lets CloudWatch use it.
    props.key.grantServiceUse('cloudwatch-alarms');
    this.topicArn = this.topic.arn;
    this.topicName = this.topic.name;
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');

    this.policy = new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      // Lazy: rules granted after construction (allowEventRule) join the policy at synthesis.
      policy: Lazy.stringValue({
        produce: () =>
          renderPolicy([
            {
              Sid: 'AccountManagesTopic',
              Effect: 'Allow',
              Principal: { AWS: `arn:${partition.partition}:iam::${account.accountId}:root` },
              Action: [
                'sns:GetTopicAttributes',
                'sns:SetTopicAttributes',
                'sns:AddPermission',
                'sns:RemovePermission',
                'sns:DeleteTopic',
                'sns:Subscribe',
                'sns:ListSubscriptionsByTopic',
                'sns:Publish',
              ],
              Resource: this.topic.arn,
            },
            {
              Sid: 'CloudWatchAlarmsPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: this.topic.arn,
              Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
            },
            ...(this.eventRuleArns.length === 0
              ? []
              : [
                  {
                    Sid: 'EventBridgeRulesPublish',
                    Effect: 'Allow' as const,
                    Principal: { Service: 'events.amazonaws.com' },
                    Action: 'sns:Publish',
                    Resource: this.topic.arn,
                    Condition: { ArnEquals: { 'aws:SourceArn': [...this.eventRuleArns] } },
                  },
                ]),
            denyInsecureTransport('sns:Publish', this.topic.arn),
          ]),
      }),
    });

    subscriptions.forEach((s, i) => {
      new SnsTopicSubscription(this, `subscription-${i}`, { topicArn: this.topic.arn, protocol: s.protocol, endpoint: s.endpoint });
    });
  }

  /**
   * Lets one EventBridge rule publish to the topic: a policy statement for `events.amazonaws.com`
   * conditioned on the rule's ARN, and lets EventBridge use the topic's key.
   */
  public allowEventRule(ruleArn: string): void {
    this.eventRuleArns.push(ruleArn);
    this.key.grantServiceUse('eventbridge');
  }
}
