/** A key-policy statement, in the shape KMS key policies (and the encryption module's `addToKeyPolicy`) take. */
export interface AlarmKeyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: string };
  readonly Action: readonly string[];
  readonly Resource: string;
  readonly Condition: Record<string, Record<string, string>>;
}

/**
 * The statement the key of an {@link AlertTopic} needs so that CloudWatch alarms of one account
 * can publish to the encrypted topic. Without it, alarm notifications are silently dropped.
 */
export function alarmPublishKeyStatement(accountId: string): AlarmKeyStatement {
  return {
    Sid: 'CloudWatchAlarmsPublishEncrypted',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}

/**
 * The statement the key of an {@link AlertTopic} needs so that EventBridge rules of one account
 * (the {@link VpcDeletionAlarm}'s rule) can publish to the encrypted topic. Without it, the rule's
 * deliveries to the topic fail.
 */
export function eventRulePublishKeyStatement(accountId: string): AlarmKeyStatement {
  return {
    Sid: 'EventBridgeRulesPublishEncrypted',
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
  };
}
