import { Testing } from 'cdktf';
import { RampartValidationError, RampartValidationErrors, collectOptOuts } from '@rampart/core';
import { AlertTopic, validateAlertSubscription } from '@rampart/monitoring';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { errorOf, only, testKey, warningsOf } from '../logging/helpers';

const names = { prefix: 'acme', environment: 'prod' };

describe('AlertTopic', () => {
  const json = synthStack(
    (s) =>
      new AlertTopic(s, 'alerts', {
        names,
        key: testKey(s),
        subscriptions: [
          { protocol: 'email', endpoint: 'oncall@example.com' },
          { protocol: 'https', endpoint: 'https://hooks.example.com/alerts' },
        ],
      }),
  );
  const topicId = Object.keys(resourcesOfType(json, 'aws_sns_topic'))[0];

  test('the topic is named after the environment and encrypted with the customer-managed key', () => {
    expect(only(resourcesOfType(json, 'aws_sns_topic'))).toMatchObject({ name: 'acme-prod-alerts', kms_master_key_id: '${aws_kms_key.logs-key.arn}' });
  });

  test('one subscription per configured recipient, email and https', () => {
    const subs = Object.values(resourcesOfType(json, 'aws_sns_topic_subscription'));
    expect(subs.map((s) => [s.protocol, s.endpoint, s.topic_arn])).toEqual([
      ['email', 'oncall@example.com', `\${aws_sns_topic.${topicId}.arn}`],
      ['https', 'https://hooks.example.com/alerts', `\${aws_sns_topic.${topicId}.arn}`],
    ]);
  });

  test("the policy lets this account's CloudWatch alarms publish and refuses publishing without TLS", () => {
    const policy = JSON.parse(only(resourcesOfType(json, 'aws_sns_topic_policy')).policy);
    const cw = policy.Statement.find((s: any) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cw).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': expect.stringContaining('account_id') } } });
    const deny = policy.Statement.find((s: any) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(policy.Statement.filter((s: any) => s.Effect === 'Allow' && s.Principal === '*')).toEqual([]);
  });

  test('opt-out: a topic without subscriptions notifies nobody, and says so', () => {
    const { stack } = testStack();
    new AlertTopic(stack, 'alerts', { names, key: testKey(stack), noSubscriptionsReason: 'subscribed by the paging tool' });
    expect(resourcesOfType(JSON.parse(Testing.synth(stack)), 'aws_sns_topic_subscription')).toEqual({});
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^\[monitoring\.alert-topic\.no-subscriptions\] .*notify nobody.*\(reason: subscribed by the paging tool\)$/)]);
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['monitoring.alert-topic.no-subscriptions']);
    const empty = testStack().stack;
    new AlertTopic(empty, 'alerts', { names, key: testKey(empty), subscriptions: [] });
    expect(warningsOf(empty)).toEqual([expect.stringContaining('[monitoring.alert-topic.no-subscriptions]')]);
  });

  test('a topic with subscriptions warns nothing', () => {
    const { stack } = testStack();
    new AlertTopic(stack, 'alerts', { names, key: testKey(stack), subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }] });
    expect(warningsOf(stack)).toEqual([]);
  });

  test.each([
    ['plain http', { protocol: 'http', endpoint: 'http://hooks.example.com' }, 'ENUM', 'subscriptions[0].protocol'],
    ['sms', { protocol: 'sms', endpoint: '+15555550100' }, 'ENUM', 'subscriptions[0].protocol'],
    ['a malformed email', { protocol: 'email', endpoint: 'oncall@' }, 'EMAIL_FORMAT', 'subscriptions[0].endpoint'],
    ['an http URL on the https protocol', { protocol: 'https', endpoint: 'http://hooks.example.com' }, 'URL_FORMAT', 'subscriptions[0].endpoint'],
  ])('%s is a typed error', (_t, sub: any, code, path) => {
    const { stack } = testStack();
    const e = errorOf(() => new AlertTopic(stack, 'alerts', { names, key: testKey(stack), subscriptions: [sub] }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });

  test('every bad subscription is reported together', () => {
    const { stack } = testStack();
    const e = errorOf(
      () =>
        new AlertTopic(stack, 'alerts', {
          names,
          key: testKey(stack),
          subscriptions: [
            { protocol: 'email', endpoint: 'x' },
            { protocol: 'https', endpoint: 'ftp://x' },
          ],
        }),
    );
    expect(e).toBeInstanceOf(RampartValidationErrors);
    expect(e.issues.map((i: any) => i.path)).toEqual(['subscriptions[0].endpoint', 'subscriptions[1].endpoint']);
  });

  test('validateAlertSubscription accepts good recipients', () => {
    expect(validateAlertSubscription('s', { protocol: 'email', endpoint: 'a.b+c@mail.example.co.uk' })).toEqual([]);
    expect(validateAlertSubscription('s', { protocol: 'https', endpoint: 'https://example.com:8443/x?y=1' })).toEqual([]);
    expect(validateAlertSubscription('s', 'oncall@example.com')).toEqual([expect.objectContaining({ code: 'TYPE', path: 's' })]);
  });
});
