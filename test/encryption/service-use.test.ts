import { Testing, TerraformStack } from 'cdktf';
import { EncryptedLogGroup, PolicyStatement } from '@rampart/core';
import { DataClassKeys, importKey } from '@rampart/encryption';
import { AccessLogBucket, AuditTrail } from '@rampart/logging';
import { AlertTopic, VpcDeletionAlarm } from '@rampart/monitoring';
import { resourcesOfType, testStack } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };
const ACCOUNT = '444455556666';

/** A consumer's stack: their own key set, nothing added to the key policy by hand. */
function consumer(build: (stack: TerraformStack, keys: DataClassKeys) => void, purposes: DataClassKeys['purposes'] = ['logs', 'pii']) {
  const { stack } = testStack();
  const keys = new DataClassKeys(stack, 'keys', { names, adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`, accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', purposes });
  build(stack, keys);
  const json = JSON.parse(Testing.synth(stack));
  const policies: Record<string, PolicyStatement[]> = {};
  for (const [name, key] of Object.entries(resourcesOfType(json, 'aws_kms_key'))) policies[name] = JSON.parse(key.policy).Statement;
  return { json, stack, policies, keyPolicy: (purpose: string) => policies[Object.keys(policies).find((n) => n.includes(`keys_${purpose}`))!] };
}

const bySid = (statements: PolicyStatement[], sid: string) => statements.filter((s) => s.Sid === sid);

describe('key policies wired from use', () => {
  test('GIVEN an alert topic on the consumer key and a VPC-deletion rule WHEN synthesised THEN CloudWatch alarms and EventBridge may use the key, for the key account only', () => {
    const { keyPolicy } = consumer((stack, keys) => {
      const topic = new AlertTopic(stack, 'alerts', { names, key: keys.key('logs'), subscriptions: [{ protocol: 'email', endpoint: 'ops@example.com' }] });
      new VpcDeletionAlarm(stack, 'vpc', { names, alarmTarget: topic });
    });
    const statements = keyPolicy('logs');
    expect(bySid(statements, 'CloudWatchAlarmsPublishEncrypted')).toEqual([
      {
        Sid: 'CloudWatchAlarmsPublishEncrypted',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
    expect(bySid(statements, 'EventBridgeRulesPublishEncrypted')).toHaveLength(1);
    expect(bySid(statements, 'EventBridgeRulesPublishEncrypted')[0].Principal).toEqual({ Service: 'events.amazonaws.com' });
  });

  test('a topic without event rules does not admit EventBridge, and two topics on one key add the alarm statement once', () => {
    const { keyPolicy } = consumer((stack, keys) => {
      new AlertTopic(stack, 'a', { names, key: keys.key('pii'), subscriptions: [{ protocol: 'email', endpoint: 'ops@example.com' }] });
      new AlertTopic(stack, 'b', { names: { ...names, environment: 'dev2' }, key: keys.key('pii'), subscriptions: [{ protocol: 'email', endpoint: 'ops@example.com' }] });
    });
    expect(bySid(keyPolicy('pii'), 'CloudWatchAlarmsPublishEncrypted')).toHaveLength(1);
    expect(bySid(keyPolicy('pii'), 'EventBridgeRulesPublishEncrypted')).toHaveLength(0);
  });

  test('an access-log bucket on the consumer key admits S3 server access logging', () => {
    const { keyPolicy } = consumer((stack, keys) => {
      new AccessLogBucket(stack, 'access', { bucketName: 'acme-dev-access-logs', key: keys.key('logs'), sourceBucketArns: ['arn:aws:s3:::acme-dev-data'] });
    });
    const [statement] = bySid(keyPolicy('logs'), 'S3ServerAccessLoggingUse');
    expect(statement.Principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': ACCOUNT } });
  });

  test('a log group on a data-class key admits CloudWatch Logs of the region, scoped by the log-group encryption context', () => {
    const { keyPolicy } = consumer((stack, keys) => {
      new EncryptedLogGroup(stack, 'app-logs', { logGroupName: '/acme/dev/app', logClass: 'application-pii', key: keys.key('pii'), dataClass: 'pii' });
    });
    const [statement] = bySid(keyPolicy('pii'), 'CloudWatchLogsUse');
    expect(statement.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(statement.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } });
  });

  test('a trail on a key created without log services admits CloudTrail for that trail only, and its buckets and log group add their services', () => {
    const { stack } = testStack();
    const keys = new DataClassKeys(stack, 'keys', {
      names,
      adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`,
      accountId: ACCOUNT,
      region: 'eu-west-1',
      partition: 'aws',
      purposes: ['logs'],
      logServices: [],
    });
    new AuditTrail(stack, 'trail', { names, key: keys.key('logs'), bucketSuffix: ACCOUNT, production: false });
    const statements: PolicyStatement[] = JSON.parse(Object.values(resourcesOfType(JSON.parse(Testing.synth(stack)), 'aws_kms_key'))[0].policy).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['EnableIamPolicies', 'KeyAdministration', 'S3ServerAccessLoggingUse', 'CloudWatchLogsUse', 'CloudTrailEncryptLogs', 'CloudTrailDescribeKey']);
    expect(bySid(statements, 'CloudTrailDescribeKey')[0].Condition).toEqual({ StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/acme-dev-audit-trail` } });
  });

  test('the default logs key already admits CloudTrail for any trail: a trail does not narrow or duplicate it', () => {
    const { keyPolicy } = consumer((stack, keys) => {
      new AuditTrail(stack, 'trail', { names, key: keys.key('logs'), bucketSuffix: ACCOUNT, production: false });
    });
    expect(bySid(keyPolicy('logs'), 'CloudTrailEncryptLogs')).toHaveLength(1);
    expect(bySid(keyPolicy('logs'), 'CloudTrailEncryptLogs')[0].Condition).toHaveProperty('ArnLike');
  });

  test('an imported key cannot change its policy: the use is reported as a warning naming the statement', () => {
    const { stack } = testStack();
    const key = importKey(stack, 'theirs', { keyArn: 'arn:aws:kms:eu-west-1:444455556666:key/11111111-2222-3333-4444-555555555555', purpose: 'logs' });
    new AlertTopic(stack, 'alerts', { names, key, subscriptions: [{ protocol: 'email', endpoint: 'ops@example.com' }] });
    const warnings = key.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('[encryption.imported-key-policy]')]);
    expect(warnings[0]).toContain('cloudwatch.amazonaws.com');
  });

  test('a statement with a taken Sid and another shape is refused', () => {
    const { stack } = testStack();
    const keys = new DataClassKeys(stack, 'keys', { names, adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`, accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', purposes: ['pii'] });
    expect(() => keys.key('pii').addToResourcePolicy({ Sid: 'KeyAdministration', Effect: 'Deny', Action: 'kms:*', Resource: '*' })).toThrow(expect.objectContaining({ code: 'DUPLICATE' }));
  });
});
