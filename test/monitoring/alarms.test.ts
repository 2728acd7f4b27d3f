import { CpuAlarm, CpuAlarmProps, VpcDeletionAlarm } from '@rampart/monitoring';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { errorOf, only } from '../logging/helpers';

const names = { prefix: 'acme', environment: 'dev' };
const TOPIC = 'arn:aws:sns:eu-central-1:333333333333:acme-dev-alerts';

describe('VpcDeletionAlarm', () => {
  const json = synthStack((s) => new VpcDeletionAlarm(s, 'vpc', { names, alarmTarget: { topicArn: TOPIC } }));
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
      alarm_actions: [TOPIC],
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
    const json = synthStack((s) =>
      new CpuAlarm(s, 'cpu', { names, purpose: 'orders-db', namespace: 'AWS/RDS', dimensions: { DBInstanceIdentifier: 'acme-dev-orders' }, alarmTarget: { topicArn: TOPIC }, thresholdPercent: 90, periodSeconds: 60, evaluationPeriods: 5 }),
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
