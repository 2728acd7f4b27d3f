import { ServiceKeyStatement, serviceKeyUseStatement } from '@rampart/core';

/** A key-policy statement for an alert topic's key (see core's `serviceKeyUseStatement`). */
export type AlarmKeyStatement = ServiceKeyStatement;

/**
 * The statement the key of an {@link AlertTopic} needs so that CloudWatch alarms of one account
 * can publish to the encrypted topic. Without it, alarm notifications are silently dropped.
 */
export function alarmPublishKeyStatement(accountId: string): AlarmKeyStatement {
  return serviceKeyUseStatement('CloudWatchAlarmsPublishEncrypted', 'cloudwatch.amazonaws.com', accountId);
}

/**
 * The statement the key of an {@link AlertTopic} needs so that EventBridge rules of one account
 * (the {@link VpcDeletionAlarm}'s rule) can publish to the encrypted topic. Without it, the rule's
 * deliveries to the topic fail.
 */
export function eventRulePublishKeyStatement(accountId: string): AlarmKeyStatement {
  return serviceKeyUseStatement('EventBridgeRulesPublishEncrypted', 'events.amazonaws.com', accountId);
}
