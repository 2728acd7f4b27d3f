import { ClassifiedLogGroup, RetentionPolicy } from '@rampart/logging';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';
import { errorOf, only, testKey } from './helpers';

describe('ClassifiedLogGroup', () => {
  test.each([
    ['vpc-flow-logs', 90],
    ['application', 30],
    ['application-pii', 365],
    ['access', 365],
    ['cloudtrail', 365],
  ] as const)('a %s group keeps its logs %i days and is encrypted with the key', (logClass, days) => {
    const json = synthStack((s) => new ClassifiedLogGroup(s, 'group', { logGroupName: `/acme/dev/${logClass}`, logClass, key: testKey(s) }));
    expect(only(resourcesOfType(json, 'aws_cloudwatch_log_group'))).toMatchObject({
      name: `/acme/dev/${logClass}`,
      retention_in_days: days,
      kms_key_id: '${aws_kms_key.logs-key.arn}',
    });
  });

  test('the retention comes from the policy passed in', () => {
    const json = synthStack((s) => new ClassifiedLogGroup(s, 'group', { logGroupName: 'app', logClass: 'application', key: testKey(s), retention: new RetentionPolicy({ applicationDays: 90 }) }));
    expect(only(resourcesOfType(json, 'aws_cloudwatch_log_group')).retention_in_days).toBe(90);
  });

  test.each([
    ['a name with spaces', { logGroupName: 'my logs' }, 'NAME_FORMAT', 'logGroupName'],
    ['a name with ".."', { logGroupName: '/a/../b' }, 'NAME_FORMAT', 'logGroupName'],
    ['an unknown log class', { logClass: 'debug' }, 'ENUM', 'logClass'],
  ])('%s is a typed error', (_t, props: any, code, path) => {
    const { stack } = testStack();
    const e = errorOf(() => new ClassifiedLogGroup(stack, 'group', { logGroupName: '/ok', logClass: 'application', key: testKey(stack), ...props }));
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
