import { decryptVia, readParameter } from '../helpers/read-grants';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { importKey } from '@rampart/encryption';
import { PolicyPack, RampartPolicy, encryptionDataClassBinding } from '@rampart/policy';
import { EcsSecret, EcsSecrets, ManagedSecret, SecretValue, SecureParameter } from '@rampart/secrets';
import { validateStack } from '../../src/terraform/run';
import { resourcesOfType, stackWithKeys, tempDir } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };

function setup() {
  const { stack, keys } = stackWithKeys();
  const role = new IamRole(stack, 'execution', {
    name: 'acme-dev-app-execution',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  const db = new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), value: SecretValue.generated({ jsonFields: { username: 'app' } }) });
  const api = new ManagedSecret(stack, 'api', { names, name: 'partner-api', key: keys.key('secrets'), value: SecretValue.external() });
  const salt = new SecureParameter(stack, 'salt', { names, name: 'signing-salt', key: keys.key('secrets') });
  return { stack: stack as TerraformStack, keys, role, db, api, salt };
}

describe('EcsSecrets', () => {
  test('produces secrets: [{ name, valueFrom }] for secrets, JSON keys and parameters', () => {
    const { stack, role, db, api, salt } = setup();
    const wiring = new EcsSecrets(stack, 'app-secrets', {
      executionRole: { roleName: role.name, roleArn: role.arn },
      region: 'eu-central-1',
      secrets: {
        DB_PASSWORD: EcsSecret.fromSecret(db, { jsonKey: 'password' }),
        PARTNER_API: EcsSecret.fromSecret(api),
        SIGNING_SALT: EcsSecret.fromParameter(salt),
      },
    });
    expect(wiring.containerSecrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: `${db.secretArn}:password::` },
      { name: 'PARTNER_API', valueFrom: api.secretArn },
      { name: 'SIGNING_SALT', valueFrom: salt.parameterArn },
    ]);
  });

  test('grants the execution role exactly GetSecretValue / GetParameters on those ARNs and Decrypt through those services', () => {
    const { stack, role, db, api, salt } = setup();
    new EcsSecrets(stack, 'app-secrets', {
      executionRole: { roleName: role.name, roleArn: role.arn },
      region: 'eu-central-1',
      secrets: {
        DB_PASSWORD: EcsSecret.fromSecret(db, { jsonKey: 'password' }),
        DB_USER: EcsSecret.fromSecret(db, { jsonKey: 'username' }),
        PARTNER_API: EcsSecret.fromSecret(api),
        SIGNING_SALT: EcsSecret.fromParameter(salt),
      },
    });
    const json = JSON.parse(Testing.synth(stack));
    const [policy] = Object.values(resourcesOfType(json, 'aws_iam_role_policy'));
    const ref = (type: string, prefix: string, attr = 'arn') => `\${${type}.${Object.keys(resourcesOfType(json, type)).find((n) => n.startsWith(prefix))}.${attr}}`;
    expect(policy.role).toBe('${aws_iam_role.execution.name}');
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadSecret',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: [ref('aws_secretsmanager_secret', 'db_'), ref('aws_secretsmanager_secret', 'api_')],
        },
        decryptVia('DecryptSecretViaSecretsManager', ref('aws_kms_key', 'keys_secrets_key_'), 'secretsmanager'),
        readParameter(ref('aws_ssm_parameter', 'salt_')),
        decryptVia('DecryptParameterViaSsm', ref('aws_kms_key', 'keys_secrets_key_'), 'ssm'),
      ],
    });
  });

  test('only parameters: no Secrets Manager statement and only the SSM service', () => {
    const { stack, role, salt } = setup();
    const w = new EcsSecrets(stack, 'w', { executionRole: { roleName: role.name, roleArn: role.arn }, region: 'eu-central-1', secrets: { SALT: EcsSecret.fromParameter(salt) } });
    expect(w.statements.map((s) => s.Sid)).toEqual(['ReadParameter', 'DecryptParameterViaSsm']);
    expect(w.statements[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'ssm.eu-central-1.amazonaws.com' } });
  });

  test('only secrets: no SSM statement and only the Secrets Manager service', () => {
    const { stack, role, api } = setup();
    const w = new EcsSecrets(stack, 'w', { executionRole: { roleName: role.name, roleArn: role.arn }, region: 'eu-central-1', secrets: { API: EcsSecret.fromSecret(api) } });
    expect(w.statements.map((s) => s.Sid)).toEqual(['ReadSecret', 'DecryptSecretViaSecretsManager']);
    expect(w.statements[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-central-1.amazonaws.com' } });
  });

  test("a secret's key is decryptable only through Secrets Manager and a parameter's key only through SSM", () => {
    const { stack, role, api } = setup();
    const otherKey = 'arn:aws:kms:eu-central-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const other = new SecureParameter(stack, 'other', { names, name: 'other-salt', key: importKey(stack, 'other-key', { keyArn: otherKey, purpose: 'secrets' }) });
    new EcsSecrets(stack, 'w', {
      executionRole: { roleName: role.name, roleArn: role.arn },
      region: 'eu-central-1',
      secrets: { API: EcsSecret.fromSecret(api), SALT: EcsSecret.fromParameter(other) },
    });
    const json = JSON.parse(Testing.synth(stack));
    const keyRef = (purpose: string) => `\${aws_kms_key.${Object.keys(resourcesOfType(json, 'aws_kms_key')).find((n) => n.startsWith(`keys_${purpose}_key_`))}.arn}`;
    const [policy] = Object.values(resourcesOfType(json, 'aws_iam_role_policy'));
    const decrypts = JSON.parse(policy.policy).Statement.filter((s: any) => s.Action === 'kms:Decrypt');
    expect(decrypts).toEqual([
      {
        Sid: 'DecryptSecretViaSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keyRef('secrets'),
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-central-1.amazonaws.com' } },
      },
      { Sid: 'DecryptParameterViaSsm', Effect: 'Allow', Action: 'kms:Decrypt', Resource: otherKey, Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-central-1.amazonaws.com' } } },
    ]);
  });

  test.each([
    ['no secrets', {}, 'REQUIRED', 'secrets'],
    ['a name that is not an environment variable name', { '1DB': 'db' }, 'ENV_NAME', 'secrets.1DB'],
    ['a JSON key with a colon', { DB: 'db:a:b' }, 'JSON_KEY', 'secrets.DB.jsonKey'],
  ])('%s is a typed error', (_t, spec, code, p) => {
    const { stack, role, db } = setup();
    const secrets = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, EcsSecret.fromSecret(db, { jsonKey: String(v).includes(':') ? String(v).slice(3) : undefined })]));
    expect(() => new EcsSecrets(stack, 'w', { executionRole: { roleName: role.name, roleArn: role.arn }, secrets })).toThrow(expect.objectContaining({ code, path: p }));
  });

  // Every construct of both modules together: the binding rule passes and terraform validates the JSON.
  test('a stack with keys, grants, secrets, parameters and the ECS wiring passes the binding rule and terraform validate', async () => {
    const { stack, keys, role, db, salt } = setup();
    const binding: PolicyPack = { name: 'binding', description: 'encryption-data-class-binding only', rules: [encryptionDataClassBinding] };
    RampartPolicy.apply(stack, { pack: binding, writeReport: false });
    new EcsSecrets(stack, 'w', { executionRole: { roleName: role.name, roleArn: role.arn }, secrets: { DB: EcsSecret.fromSecret(db, { jsonKey: 'password' }), SALT: EcsSecret.fromParameter(salt) } });
    keys.key('pii').grantEncryptDecrypt({ roleName: role.name, roleArn: role.arn }, { viaServices: ['s3', 'rds'] });
    new ManagedSecret(stack, 'rotated', {
      names,
      name: 'rotated',
      key: keys.key('secrets'),
      rotation: { functionArn: 'arn:aws:lambda:eu-central-1:333333333333:function:rotate', scheduleExpression: 'rate(30 days)' },
    });
    new CloudwatchLogGroup(stack, 'audit', { name: '/acme/dev/audit', retentionInDays: 365, kmsKeyId: keys.key('logs').keyArn });
    const dir = tempDir('secrets-validate');
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), Testing.synth(stack, true));
    expect(RampartPolicy.evaluate(stack, { pack: binding })).toMatchObject({ passed: true, findings: [], summary: expect.objectContaining({ resources: expect.any(Number) }) });
    await validateStack(dir, 'secrets');
  }, 120000);
});
