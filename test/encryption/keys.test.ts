import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { DataClassKey, DataClassKeys, DEFAULT_KEY_PURPOSES, KEY_ADMIN_ACTIONS } from '@rampart/encryption';
import { resourcesOfType, synthStack, testStack } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };
const ADMIN = 'arn:aws:iam::333333333333:role/key-admin';
const ctx = { accountId: '333333333333', region: 'eu-central-1', partition: 'aws' };

function policyOf(json: any, purpose: string): any {
  const keys = resourcesOfType(json, 'aws_kms_key');
  const name = Object.keys(keys).find((n) => n.startsWith(`keys_${purpose}_key_`))!;
  return JSON.parse(keys[name].policy);
}

function errorOf(fn: () => unknown): RampartValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RampartValidationError) return e;
    throw e;
  }
  throw new Error('expected a RampartValidationError');
}

describe('DataClassKeys', () => {
  // GIVEN defaults WHEN synthesised THEN one key per default purpose with alias, rotation, 30-day window
  const json = synthStack((s) => new DataClassKeys(s, 'keys', { names, adminRoleArn: ADMIN, ...ctx }));
  const keys = resourcesOfType(json, 'aws_kms_key');
  const aliases = resourcesOfType(json, 'aws_kms_alias');

  test('creates pii, financial, health, restricted, logs, secrets and backup keys by default', () => {
    expect(DEFAULT_KEY_PURPOSES).toEqual(['pii', 'financial', 'health', 'restricted', 'logs', 'secrets', 'backup']);
    expect(Object.keys(keys)).toHaveLength(7);
    expect(
      Object.values(aliases)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['backup', 'financial', 'health', 'logs', 'pii', 'restricted', 'secrets'].map((p) => `alias/acme-dev-${p}`));
  });

  test.each(DEFAULT_KEY_PURPOSES)('%s key: symmetric, rotation on (yearly), 30-day deletion window, alias pointing at it', (purpose) => {
    const name = Object.keys(keys).find((n) => n.startsWith(`keys_${purpose}_key_`))!;
    expect(keys[name]).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      key_usage: 'ENCRYPT_DECRYPT',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      multi_region: false,
    });
    // AWS rotates every 365 days when no period is set; leaving it unset keeps plans clean on the local emulator.
    expect(keys[name].rotation_period_in_days).toBeUndefined();
    const alias = Object.values(aliases).find((a) => a.name === `alias/acme-dev-${purpose}`)!;
    expect(alias.target_key_id).toBe(`\${aws_kms_key.${name}.key_id}`);
  });

  test.each(['pii', 'financial', 'health', 'restricted', 'secrets', 'backup'])('%s key policy: exactly the account root statement and key administration', (purpose) => {
    expect(policyOf(json, purpose)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'KeyAdministration', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: [...KEY_ADMIN_ACTIONS], Resource: '*' },
      ],
    });
  });

  test('key administration never includes use of the key or handing it out', () => {
    const crypto = KEY_ADMIN_ACTIONS.filter((a) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant|Sign|Verify|Mac|\*/.test(a));
    expect(crypto).toEqual([]);
  });

  test('logs key policy: root, admin, CloudWatch Logs with log-group context, CloudTrail with trail conditions, log delivery', () => {
    const statements = policyOf(json, 'logs').Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['EnableIamPolicies', 'KeyAdministration', 'CloudWatchLogsUse', 'CloudTrailEncryptLogs', 'CloudTrailDescribeKey', 'LogDeliveryUse']);
    expect(statements[2]).toEqual({
      Sid: 'CloudWatchLogsUse',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-central-1.amazonaws.com' },
      Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-central-1:333333333333:log-group:*' } },
    });
    expect(statements[3]).toEqual({
      Sid: 'CloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:333333333333:trail/*' },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:333333333333:trail/*' },
      },
    });
    expect(statements[4]).toEqual({
      Sid: 'CloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:333333333333:trail/*' } },
    });
    expect(statements[5]).toEqual({
      Sid: 'LogDeliveryUse',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '333333333333' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:logs:eu-central-1:333333333333:*' },
      },
    });
  });

  test('a named trail narrows CloudTrail to exactly that trail', () => {
    const j = synthStack((s) => new DataClassKeys(s, 'keys', { names, adminRoleArn: ADMIN, ...ctx, purposes: ['logs'], trailName: 'acme-org-trail' }));
    const [, , , encrypt, describe] = policyOf(j, 'logs').Statement;
    expect(encrypt.Condition.StringEquals).toEqual({ 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:333333333333:trail/acme-org-trail' });
    expect(encrypt.Condition.ArnLike).toBeUndefined();
    expect(describe.Condition).toEqual({ StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-central-1:333333333333:trail/acme-org-trail' } });
  });

  test('logServices narrows the logs key to the services named', () => {
    const j = synthStack((s) => new DataClassKeys(s, 'keys', { names, adminRoleArn: ADMIN, ...ctx, purposes: ['logs'], logServices: ['cloudtrail'] }));
    expect(policyOf(j, 'logs').Statement.map((s: any) => s.Sid)).toEqual(['EnableIamPolicies', 'KeyAdministration', 'CloudTrailEncryptLogs', 'CloudTrailDescribeKey']);
  });

  test('purposes creates only the keys asked for (an org stack needs only logs)', () => {
    const j = synthStack((s) => {
      const k = new DataClassKeys(s, 'keys', { names, adminRoleArn: ADMIN, ...ctx, purposes: ['logs'] });
      expect(k.has('logs')).toBe(true);
      expect(k.has('pii')).toBe(false);
      expect(k.key('logs').purpose).toBe('logs');
      expect(k.all.map((x) => x.purpose)).toEqual(['logs']);
    });
    expect(Object.values(resourcesOfType(j, 'aws_kms_alias')).map((a) => a.name)).toEqual(['alias/acme-dev-logs']);
  });

  test('key() of a purpose that was not created is a typed error', () => {
    const { stack } = testStack();
    const k = new DataClassKeys(stack, 'keys', { names, adminRoleArn: ADMIN, ...ctx, purposes: ['logs'] });
    const e = errorOf(() => k.key('pii'));
    expect([e.code, e.path, e.value]).toEqual(['KEY_NOT_CREATED', 'purpose', 'pii']);
  });

  test('the key exposes IKmsKey attributes as references to the key', () => {
    const { stack } = testStack();
    const k = new DataClassKeys(stack, 'keys', { names, adminRoleArn: ADMIN, ...ctx }).key('pii');
    new TerraformOutput(stack, 'arn', { value: k.keyArn });
    new TerraformOutput(stack, 'id', { value: k.keyId });
    const out = JSON.parse(Testing.synth(stack as TerraformStack)).output;
    const resolved = (v: string) => (v === k.keyArn ? out.arn.value : out.id.value);
    expect(resolved(k.keyArn)).toMatch(/^\$\{aws_kms_key\.keys_pii_key_[A-Z0-9]+\.arn\}$/);
    expect(resolved(k.keyId)).toMatch(/^\$\{aws_kms_key\.keys_pii_key_[A-Z0-9]+\.key_id\}$/);
    expect(k.aliasName).toBe('alias/acme-dev-pii');
  });

  test('without account, region and partition the key set looks them up once', () => {
    const j = synthStack((s) => new DataClassKeys(s, 'keys', { names, adminRoleArn: ADMIN, purposes: ['logs', 'pii'] }));
    expect(Object.keys(j.data?.aws_caller_identity ?? {})).toHaveLength(1);
    expect(Object.keys(j.data?.aws_region ?? {})).toHaveLength(1);
    const logs = policyOf(j, 'logs');
    expect(logs.Statement[0].Principal.AWS).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:iam::\$\{data\.aws_caller_identity\.[^}]+\.account_id\}:root$/);
  });

  test('addToKeyPolicy appends a statement; a duplicate Sid is refused', () => {
    const { stack } = testStack();
    const key = new DataClassKey(stack, 'k', { names, purpose: 'pii', adminRoleArn: ADMIN, ...ctx });
    key.addToKeyPolicy({ Sid: 'AlarmsPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' });
    const policy = JSON.parse(Object.values(JSON.parse(Testing.synth(stack as TerraformStack)).resource.aws_kms_key as Record<string, any>)[0].policy);
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['EnableIamPolicies', 'KeyAdministration', 'AlarmsPublish']);
    const e = errorOf(() => key.addToKeyPolicy({ Sid: 'KeyAdministration', Effect: 'Allow', Action: 'kms:*', Resource: '*' }));
    expect([e.code, e.path]).toEqual(['DUPLICATE', 'addToKeyPolicy.Sid']);
  });

  // GIVEN one bad prop WHEN constructed THEN a typed error names it, before any resource exists
  const bad: Array<[string, Record<string, unknown>, string, string]> = [
    ['deletion window below 7', { deletionWindowInDays: 6 }, 'OUT_OF_RANGE', 'deletionWindowInDays'],
    ['deletion window above 30', { deletionWindowInDays: 31 }, 'OUT_OF_RANGE', 'deletionWindowInDays'],
    ['fractional deletion window', { deletionWindowInDays: 7.5 }, 'OUT_OF_RANGE', 'deletionWindowInDays'],
    ['admin that is not a role', { adminRoleArn: 'arn:aws:iam::333333333333:user/bob' }, 'ARN_FORMAT', 'adminRoleArn'],
    ['unknown purpose', { purposes: ['pii', 'gossip'] }, 'ENUM', 'purposes[1]'],
    ['duplicate purpose', { purposes: ['pii', 'pii'] }, 'DUPLICATE', 'purposes[1]'],
    ['no purposes', { purposes: [] }, 'REQUIRED', 'purposes'],
    ['log services without the logs key', { purposes: ['pii'], logServices: ['cloudtrail'] }, 'KEY_PURPOSE', 'logServices'],
    ['unknown log service', { purposes: ['logs'], logServices: ['firehose'] }, 'ENUM', 'logServices[0]'],
    ['malformed account id', { accountId: '12' }, 'ACCOUNT_ID', 'accountId'],
    ['unknown region', { region: 'eu-mars-1' }, 'REGION_UNKNOWN', 'region'],
    ['trail name with shell characters', { purposes: ['logs'], trailName: 'trail;rm' }, 'UNSAFE_CHARACTERS', 'trailName'],
  ];
  test.each(bad)('%s is a typed error', (_t, override, code, path) => {
    const { stack } = testStack();
    const make = () => new DataClassKeys(stack, 'keys', { names, adminRoleArn: ADMIN, ...ctx, ...(override as object) });
    const e = errorOf(make);
    expect([e.code, e.path]).toEqual([code, path]);
    expect(stack.node.findAll().filter((c) => c.node.id === 'key')).toHaveLength(0);
  });

  test('several bad props are reported together', () => {
    const { stack } = testStack();
    expect(() => new DataClassKey(stack, 'k', { names, purpose: 'pii', adminRoleArn: 'nope', deletionWindowInDays: 0, ...ctx })).toThrow(RampartValidationErrors);
  });

  test('an invalid alias segment is refused', () => {
    const { stack } = testStack();
    const e = errorOf(() => new DataClassKeys(stack, 'keys', { names: { prefix: 'acme', environment: '../prod' }, adminRoleArn: ADMIN, ...ctx }));
    expect(e.code).toBe('PATH_TRAVERSAL');
  });
});
