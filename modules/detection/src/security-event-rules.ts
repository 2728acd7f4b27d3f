import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';
import { NameParts, assertAllValid, resourceName, validateOneOf } from '@rampart/core';
import { IEventRuleTarget } from '@rampart/monitoring';

/** The security events Rampart routes to an account's alert topic. */
export type SecurityEvent = 'guardduty-high' | 'securityhub-critical' | 'root-sign-in' | 'detection-changes';
export const SECURITY_EVENTS: readonly SecurityEvent[] = ['guardduty-high', 'securityhub-critical', 'root-sign-in', 'detection-changes'];

/** Events every account routes: root sign-ins and changes to its own audit and detection services. */
export const ACCOUNT_SECURITY_EVENTS: readonly SecurityEvent[] = ['root-sign-in', 'detection-changes'];

/** API calls that stop, delete or narrow CloudTrail, AWS Config or GuardDuty. */
export const DETECTION_CHANGE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
  'config.amazonaws.com': ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel', 'PutConfigurationRecorder', 'PutDeliveryChannel', 'DeleteConfigRule'],
  'guardduty.amazonaws.com': [
    'DeleteDetector',
    'UpdateDetector',
    'DisassociateFromAdministratorAccount',
    'DisassociateFromMasterAccount',
    'DeleteMembers',
    'DisassociateMembers',
    'StopMonitoringMembers',
    'DeletePublishingDestination',
    'UpdatePublishingDestination',
    'CreateFilter',
    'UpdateFilter',
    'UpdateOrganizationConfiguration',
  ],
};

/** The EventBridge pattern of each security event. */
export const SECURITY_EVENT_PATTERNS: Readonly<Record<SecurityEvent, Record<string, unknown>>> = {
  // GuardDuty severities: high 7.0-8.9, critical 9.0-10.0.
  'guardduty-high': { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } },
  'securityhub-critical': {
    source: ['aws.securityhub'],
    'detail-type': ['Security Hub Findings - Imported'],
    detail: { findings: { Severity: { Label: ['CRITICAL'] }, RecordState: ['ACTIVE'], Workflow: { Status: ['NEW'] } } },
  },
  'root-sign-in': { 'detail-type': ['AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } },
  'detection-changes': {
    source: ['aws.cloudtrail', 'aws.config', 'aws.guardduty'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { eventSource: Object.keys(DETECTION_CHANGE_EVENTS), eventName: [...new Set(Object.values(DETECTION_CHANGE_EVENTS).flat())] },
  },
};

const DESCRIPTIONS: Readonly<Record<SecurityEvent, string>> = {
  'guardduty-high': 'GuardDuty findings of high or critical severity',
  'securityhub-critical': 'New, active Security Hub findings of critical severity',
  'root-sign-in': 'Console sign-ins of the root user',
  'detection-changes': 'Calls that stop, delete or change CloudTrail, AWS Config or GuardDuty',
};

/** Properties of {@link SecurityEventRules}. */
export interface SecurityEventRulesProps {
  /** Prefix and environment; each rule is named `<prefix>-<env>-<event>`. */
  readonly names: NameParts;
  /** The account's alert topic. Its policy is extended for each rule; its key must admit EventBridge (`eventRulePublishKeyStatement`). */
  readonly target: IEventRuleTarget;
  /**
   * Events to route. The security account routes all of them (it receives every member's
   * GuardDuty and Security Hub findings as their administrator); other accounts route
   * {@link ACCOUNT_SECURITY_EVENTS}.
   * @default SECURITY_EVENTS
   */
  readonly events?: readonly SecurityEvent[];
}

/**
 * EventBridge rules on the default bus that publish security events to the alert topic.
 * EventBridge rules are regional, and console sign-ins of the root user are delivered in the
 * region the sign-in endpoint served (us-east-1 for most); the rules watch the stack's region.
 */
export class SecurityEventRules extends Construct {
  /** Rules by event. */
  public readonly rules: Readonly<Partial<Record<SecurityEvent, CloudwatchEventRule>>>;

  constructor(scope: Construct, id: string, props: SecurityEventRulesProps) {
    super(scope, id);
    const events = props.events ?? SECURITY_EVENTS;
    assertAllValid([
      events.length === 0 ? { code: 'REQUIRED', path: 'events', value: events, rule: 'must list at least one event' } : undefined,
      ...events.map((e, i) => validateOneOf(`events[${i}]`, e, SECURITY_EVENTS)),
    ]);
    const rules: Partial<Record<SecurityEvent, CloudwatchEventRule>> = {};
    for (const event of [...new Set(events)]) {
      const rule = new CloudwatchEventRule(this, event, {
        name: resourceName(props.names, event),
        description: DESCRIPTIONS[event],
        eventPattern: JSON.stringify(SECURITY_EVENT_PATTERNS[event]),
      });
      props.target.allowEventRule(rule.arn);
      new CloudwatchEventTarget(this, `${event}-target`, { rule: rule.name, targetId: 'alert-topic', arn: props.target.topicArn });
      rules[event] = rule;
    }
    this.rules = rules;
  }
}
