import { AlertTopic, CpuAlarm, CpuAlarmProps, VpcDeletionAlarm } from '@rampart/monitoring';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { errorOf, only, testKey } from '../logging/helpers';

const names = { prefix: 'acme', environment: 'dev' };
const TOPIC = 'arn:aws:sns:eu-central-1:333333333333:acme-dev-alerts';

describe('VpcDeletionAlarm', () => {
  const json = synthStack((s) => {
    const topic = new AlertTopic(s, 'alerts', { names, key: testKey(s), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });
    new VpcDeletionAlarm(s, 'vpc', { names, alarmTarget: topic });
  });
  const topicId = Object.keys(resourcesOfType(json, 'aws_sns_topic'))[0];
  const TOPIC_ARN = `\${aws_sns_topic.${topicId}.arn}`;
  const ruleId = Object.keys(resourcesOfType(json, 'aws_cloudwatch_event_rule'))[0];

  test('an EventBridge rule matches DeleteVpc calls recorded by CloudTrail', () => {
    const rule = only(resourcesOfType(json, 'aws_cloudwatch_event_rule'));
    expect(rule.name).toBe('acme-dev-vpc-deletion');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['DeleteVpc'] },
    });
  });

  test('the rule publishes each deletion to the alert topic directly, not only through a metric', () => {
    expect(only(resourcesOfType(json, 'aws_cloudwatch_event_target'))).toMatchObject({
      rule: `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
      arn: TOPIC_ARN,
      target_id: 'alert-topic',
    });
  });

  test('the topic policy admits EventBridge for this rule only', () => {
    const policy = JSON.parse(only(resourcesOfType(json, 'aws_sns_topic_policy')).policy);
    const events = policy.Statement.filter((s: any) => s.Principal?.Service === 'events.amazonaws.com');
    expect(events).toEqual([
      {
        Sid: 'EventBridgeRulesPublish',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: { ArnEquals: { 'aws:SourceArn': [`\${aws_cloudwatch_event_rule.${ruleId}.arn}`] } },
      },
    ]);
  });

  test('a topic no rule publishes to does not admit EventBridge', () => {
    const j = synthStack((s) => new AlertTopic(s, 'alerts', { names, key: testKey(s), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] }));
    const policy = JSON.parse(only(resourcesOfType(j, 'aws_sns_topic_policy')).policy);
    expect(policy.Statement.filter((s: any) => s.Principal?.Service === 'events.amazonaws.com')).toEqual([]);
  });

  test('the alarm fires on a single matched deletion in 5 minutes and notifies the topic', () => {
    expect(only(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))).toMatchObject({
      alarm_name: 'acme-dev-vpc-deletion',
      namespace: 'AWS/Events',
      metric_name: 'MatchedEvents',
      dimensions: { RuleName: `\${aws_cloudwatch_event_rule.${ruleId}.name}` },
      statistic: 'Sum',
      period: 300,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      alarm_actions: [TOPIC_ARN],
      actions_enabled: true,
    });
  });
});

describe('CpuAlarm', () => {
  const ecs: CpuAlarmProps = {
    names,
    purpose: 'orders-api',
    namespace: 'AWS/ECS',
    dimensions: { ClusterName: 'acme-dev', ServiceName: 'orders-api' },
    alarmTarget: { topicArn: TOPIC },
  };

  test('defaults: average CPU above 80 % for two 5-minute periods, ALARM and OK notify the topic', () => {
    const json = synthStack((s) => new CpuAlarm(s, 'cpu', ecs));
    expect(only(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))).toMatchObject({
      alarm_name: 'acme-dev-orders-api-cpu-high',
      namespace: 'AWS/ECS',
      metric_name: 'CPUUtilization',
      dimensions: { ClusterName: 'acme-dev', ServiceName: 'orders-api' },
      statistic: 'Average',
      threshold: 80,
      period: 300,
      evaluation_periods: 2,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });

  test('threshold, period and evaluation periods are props; RDS is supported', () => {
    const json = synthStack(
      (s) =>
        new CpuAlarm(s, 'cpu', {
          names,
          purpose: 'orders-db',
          namespace: 'AWS/RDS',
          dimensions: { DBInstanceIdentifier: 'acme-dev-orders' },
          alarmTarget: { topicArn: TOPIC },
          thresholdPercent: 90,
          periodSeconds: 60,
          evaluationPeriods: 5,
        }),
    );
    expect(only(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))).toMatchObject({ namespace: 'AWS/RDS', threshold: 90, period: 60, evaluation_periods: 5 });
  });

  test.each([
    ['a threshold above 100 %', { thresholdPercent: 120 }, 'OUT_OF_RANGE', 'thresholdPercent'],
    ['a period that is not a multiple of 60', { periodSeconds: 90 }, 'OUT_OF_RANGE', 'periodSeconds'],
    ['zero evaluation periods', { evaluationPeriods: 0 }, 'OUT_OF_RANGE', 'evaluationPeriods'],
    ['an unknown namespace', { namespace: 'AWS/Lambda' }, 'ENUM', 'namespace'],
    ['ECS dimensions misspelt', { dimensions: { Cluster: 'acme-dev' } }, 'DIMENSIONS', 'dimensions'],
    ['a purpose with shell characters', { purpose: 'api; rm -rf' }, 'UNSAFE_CHARACTERS', 'purpose'],
  ])('%s is a typed error', (_t, props: any, code, path) => {
    const { stack } = testStack();
    const e = errorOf(() => new CpuAlarm(stack, 'cpu', { ...ecs, ...props }));
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
