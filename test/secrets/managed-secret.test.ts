import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { collectOptOuts } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { ManagedSecret, SecretValue, SecureParameter } from '@rampart/secrets';
import { resourcesOfType, stackWithKeys } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };

function setup() {
  return stackWithKeys(['secrets', 'pii']);
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack));
const only = (json: any, type: string) => Object.values(resourcesOfType(json, type))[0];
const warnings = (stack: TerraformStack) => stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));

describe('ManagedSecret', () => {
  test('defaults: secrets key, 30-day recovery window, generated value written write-only, no plaintext anywhere', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets') });
    const json = synth(stack);
    const secret = only(json, 'aws_secretsmanager_secret');
    const keyName = Object.keys(resourcesOfType(json, 'aws_kms_key')).find((n) => n.startsWith('keys_secrets_key_'));
    expect(secret).toMatchObject({ name: 'acme-dev-app-db', kms_key_id: `\${aws_kms_key.${keyName}.arn}`, recovery_window_in_days: 30 });
    const version = only(json, 'aws_secretsmanager_secret_version');
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_string_wo_version).toBe(1);
    const [ephemeralName] = Object.keys(json.ephemeral.aws_secretsmanager_random_password);
    expect(version.secret_string_wo).toBe(`\${ephemeral.aws_secretsmanager_random_password.${ephemeralName}.random_password}`);
    expect(json.ephemeral.aws_secretsmanager_random_password[ephemeralName]).toMatchObject({ password_length: 32, require_each_included_type: true });
    expect(collectOptOuts(stack)).toEqual([]);
  });

  test('a generated JSON value keeps the fixed fields and puts the generated password under its key', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), value: SecretValue.generated({ jsonFields: { username: 'app' }, length: 40, excludePunctuation: true }) });
    const json = synth(stack);
    const version = only(json, 'aws_secretsmanager_secret_version');
    expect(version.secret_string_wo).toMatch(/^\$\{jsonencode\(\{"username" = "app", "password" = ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}\)\}$/);
    expect(Object.values(json.ephemeral.aws_secretsmanager_random_password)[0]).toMatchObject({ password_length: 40, exclude_punctuation: true });
  });

  test('external(): the secret has no version at all', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'api', { names, name: 'partner-api', key: keys.key('secrets'), value: SecretValue.external() });
    const json = synth(stack);
    expect(resourcesOfType(json, 'aws_secretsmanager_secret_version')).toEqual({});
    expect(json.ephemeral).toBeUndefined();
  });

  test('a caller-supplied token is written as secret_string and warned about: it lands in the state', () => {
    const { stack, keys } = setup();
    const input = new TerraformVariable(stack, 'partner_token', { type: 'string', sensitive: true });
    new ManagedSecret(stack, 'api', { names, name: 'partner-api', key: keys.key('secrets'), value: SecretValue.fromInput(input.stringValue, { reason: 'issued by the partner' }) });
    const json = synth(stack);
    expect(only(json, 'aws_secretsmanager_secret_version').secret_string).toBe('${var.partner_token}');
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ id: 'secrets.caller-supplied-value', reason: 'issued by the partner' })]);
    expect(warnings(stack).some((w) => w.startsWith('[secrets.caller-supplied-value]') && w.includes('stored in the Terraform state'))).toBe(true);
  });

  test('a literal caller-supplied value is refused and not echoed in the error', () => {
    let err: any;
    try {
      SecretValue.fromInput('hunter2hunter2');
    } catch (e) {
      err = e;
    }
    expect([err.code, err.path]).toEqual(['PLAINTEXT_SECRET', 'value']);
    expect(err.message).not.toContain('hunter2');
  });

  test('outside production the recovery window may be 7 to 30 days', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), production: false, recoveryWindowInDays: 7 });
    expect(only(synth(stack), 'aws_secretsmanager_secret').recovery_window_in_days).toBe(7);
  });

  test('rotation: function ARN and schedule, after the first value is written', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'db', {
      names,
      name: 'app-db',
      key: keys.key('secrets'),
      rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:rotate-db', automaticallyAfterDays: 30 },
    });
    const json = synth(stack);
    const rotation = only(json, 'aws_secretsmanager_secret_rotation');
    expect(rotation).toMatchObject({
      rotation_lambda_arn: 'arn:aws:lambda:eu-central-1:333333333333:function:rotate-db',
      rotate_immediately: true,
      rotation_rules: { automatically_after_days: 30 },
    });
    expect(rotation.depends_on).toEqual([expect.stringMatching(/^aws_secretsmanager_secret_version\./)]);
  });

  test('rotation by schedule expression', () => {
    const { stack, keys } = setup();
    new ManagedSecret(stack, 'db', {
      names,
      name: 'app-db',
      key: keys.key('secrets'),
      rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:rotate-db', scheduleExpression: 'rate(10 days)', duration: '3h' },
    });
    expect(only(synth(stack), 'aws_secretsmanager_secret_rotation').rotation_rules).toEqual({ schedule_expression: 'rate(10 days)', duration: '3h' });
  });

  const bad: Array<[string, (k: DataClassKeys) => Record<string, unknown>, string, string]> = [
    ['recovery window below 7', () => ({ production: false, recoveryWindowInDays: 6 }), 'OUT_OF_RANGE', 'recoveryWindowInDays'],
    ['recovery window above 30', () => ({ production: false, recoveryWindowInDays: 31 }), 'OUT_OF_RANGE', 'recoveryWindowInDays'],
    ['short recovery window in production', () => ({ recoveryWindowInDays: 7 }), 'INSECURE', 'recoveryWindowInDays'],
    ['a key that is not the secrets key', (k) => ({ key: k.key('pii') }), 'KEY_PURPOSE', 'key'],
    ['a name with a path', () => ({ name: '../db' }), 'PATH_TRAVERSAL', 'name'],
    ['a rotation function that is not a Lambda ARN', () => ({ rotation: { functionArn: 'rotate-db', automaticallyAfterDays: 30 } }), 'ARN_FORMAT', 'rotation.functionArn'],
    ['rotation without a schedule', () => ({ rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:r' } }), 'CONFLICT', 'rotation'],
    [
      'rotation with both schedules',
      () => ({ rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:r', automaticallyAfterDays: 1, scheduleExpression: 'rate(1 days)' } }),
      'CONFLICT',
      'rotation',
    ],
    [
      'rotation every 0 days',
      () => ({ rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:r', automaticallyAfterDays: 0 } }),
      'OUT_OF_RANGE',
      'rotation.automaticallyAfterDays',
    ],
    ['a malformed schedule', () => ({ rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:r', scheduleExpression: 'every day' } }), 'SCHEDULE', 'rotation.scheduleExpression'],
  ];
  test.each(bad)('%s is a typed error', (_t, override, code, path) => {
    const { stack, keys } = setup();
    expect(() => new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), ...override(keys) })).toThrow(expect.objectContaining({ code, path }));
  });

  test('generated value options are validated', () => {
    expect(() => SecretValue.generated({ length: 8 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'value.length' }));
    expect(() => SecretValue.generated({ jsonFields: { password: 'x' } })).toThrow(expect.objectContaining({ code: 'DUPLICATE', path: 'value.generatedKey' }));
  });
});

describe('SecureParameter', () => {
  test('a SecureString under /prefix/env/, encrypted with the secrets key, generated value write-only', () => {
    const { stack, keys } = setup();
    new SecureParameter(stack, 'p', { names, name: 'signing-salt', key: keys.key('secrets') });
    const json = synth(stack);
    const p = only(json, 'aws_ssm_parameter');
    const keyName = Object.keys(resourcesOfType(json, 'aws_kms_key')).find((n) => n.startsWith('keys_secrets_key_'));
    expect(p).toMatchObject({ name: '/acme/dev/signing-salt', type: 'SecureString', tier: 'Standard', key_id: `\${aws_kms_key.${keyName}.arn}`, value_wo_version: 1 });
    expect(p.value).toBeUndefined();
    expect(p.value_wo).toMatch(/^\$\{ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}$/);
  });

  test('external(): a non-secret placeholder that Terraform never overwrites', () => {
    const { stack, keys } = setup();
    new SecureParameter(stack, 'p', { names, name: 'partner-url', key: keys.key('secrets'), value: SecretValue.external() });
    const p = only(synth(stack), 'aws_ssm_parameter');
    expect(p.value).toBe('set-outside-terraform');
    expect(p.lifecycle).toEqual({ ignore_changes: ['value'] });
  });

  test('a caller-supplied token is warned about', () => {
    const { stack, keys } = setup();
    const v = new TerraformVariable(stack, 'salt', { type: 'string', sensitive: true });
    new SecureParameter(stack, 'p', { names, name: 'salt', key: keys.key('secrets'), value: SecretValue.fromInput(v.stringValue) });
    expect(only(synth(stack), 'aws_ssm_parameter').value).toBe('${var.salt}');
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['secrets.caller-supplied-value']);
  });

  test('a key that is not the secrets key, or a bad name, is a typed error', () => {
    const { stack, keys } = setup();
    expect(() => new SecureParameter(stack, 'a', { names, name: 'x', key: keys.key('pii') })).toThrow(expect.objectContaining({ code: 'KEY_PURPOSE', path: 'key' }));
    expect(() => new SecureParameter(stack, 'b', { names, name: 'a/b', key: keys.key('secrets') })).toThrow(expect.objectContaining({ code: 'PATH_TRAVERSAL', path: 'name' }));
  });
});
