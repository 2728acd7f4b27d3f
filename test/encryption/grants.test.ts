import { Testing, TerraformStack } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { collectOptOuts, IRoleGrantee, RampartValidationError } from '@rampart/core';
import { DataClassKeys, importKey } from '@rampart/encryption';
import { resourcesOfType, testStack } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };
const ADMIN = 'arn:aws:iam::333333333333:role/key-admin';
const ctx = { accountId: '333333333333', region: 'eu-central-1', partition: 'aws' };

function setup() {
  const { stack } = testStack();
  const keys = new DataClassKeys(stack, 'keys', { names, adminRoleArn: ADMIN, ...ctx });
  const role = new IamRole(stack, 'app', { name: 'app', assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
  const grantee: IRoleGrantee = { roleName: role.name, roleArn: role.arn };
  return { stack, keys, grantee };
}

function policies(stack: TerraformStack) {
  const json = JSON.parse(Testing.synth(stack));
  return Object.values(resourcesOfType(json, 'aws_iam_role_policy')).map((p): Record<string, any> => ({ ...p, policy: JSON.parse(p.policy) }));
}

function keyRef(stack: TerraformStack, purpose: string): string {
  const json = JSON.parse(Testing.synth(stack));
  const name = Object.keys(resourcesOfType(json, 'aws_kms_key')).find((n) => n.startsWith(`keys_${purpose}_key_`));
  return `\${aws_kms_key.${name}.arn}`;
}

describe('key grants', () => {
  test('grantEncryptDecrypt: encrypt, decrypt, data keys, describe and service grants for AWS resources on exactly that key, only through the named services', () => {
    const { stack, keys, grantee } = setup();
    keys.key('pii').grantEncryptDecrypt(grantee, { viaServices: ['s3', 'rds'] });
    const [p] = policies(stack);
    expect(p.role).toBe('${aws_iam_role.app.name}');
    expect(p.name_prefix).toBe('kms-pii-');
    expect(p.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'UseKeyViaServices',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
          Resource: keyRef(stack, 'pii'),
          Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-central-1.amazonaws.com', 'rds.eu-central-1.amazonaws.com'] } },
        },
        {
          Sid: 'CreateGrantsForAwsResources',
          Effect: 'Allow',
          Action: ['kms:CreateGrant'],
          Resource: keyRef(stack, 'pii'),
          Condition: {
            StringEquals: { 'kms:ViaService': ['s3.eu-central-1.amazonaws.com', 'rds.eu-central-1.amazonaws.com'] },
            Bool: { 'kms:GrantIsForAWSResource': 'true' },
          },
        },
      ],
    });
  });

  test('grantDecrypt: decrypt only, on that key, through the named service', () => {
    const { stack, keys, grantee } = setup();
    keys.grantDecrypt('secrets', grantee, { viaServices: ['secretsmanager'] });
    const [p] = policies(stack);
    expect(p.policy.Statement).toEqual([
      {
        Sid: 'UseKeyViaServices',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: keyRef(stack, 'secrets'),
        Condition: { StringEquals: { 'kms:ViaService': ['secretsmanager.eu-central-1.amazonaws.com'] } },
      },
    ]);
  });

  test('grants on two keys stay separate, each scoped to its own key', () => {
    const { stack, keys, grantee } = setup();
    keys.grantEncryptDecrypt('financial', grantee, { viaServices: ['dynamodb'] });
    keys.grantDecrypt('logs', grantee, { viaServices: ['logs'] });
    const resources = policies(stack)
      .map((p) => p.policy.Statement[0].Resource)
      .sort();
    expect(resources).toEqual([keyRef(stack, 'financial'), keyRef(stack, 'logs')].sort());
    expect(new Set(resources).size).toBe(2);
  });

  test('the key policy itself never names the grantee (use comes from the grant only)', () => {
    const { stack, keys, grantee } = setup();
    keys.key('pii').grantEncryptDecrypt(grantee, { viaServices: ['s3'] });
    const json = JSON.parse(Testing.synth(stack));
    for (const key of Object.values(resourcesOfType(json, 'aws_kms_key'))) expect(key.policy).not.toContain('aws_iam_role.app');
  });

  test('a grant without services is a typed error that points at allowDirectUse', () => {
    const { keys, grantee } = setup();
    let err: RampartValidationError | undefined;
    try {
      keys.key('pii').grantEncryptDecrypt(grantee, {});
    } catch (e) {
      err = e as RampartValidationError;
    }
    expect([err?.code, err?.path]).toEqual(['REQUIRED', 'grantEncryptDecrypt.viaServices']);
    expect(err?.message).toMatch(/allowDirectUse/);
  });

  test('a malformed service name is a typed error', () => {
    const { keys, grantee } = setup();
    expect(() => keys.key('pii').grantDecrypt(grantee, { viaServices: ['s3.amazonaws.com'] })).toThrow(expect.objectContaining({ code: 'SERVICE_NAME', path: 'grantDecrypt.viaServices[0]' }));
  });

  test('direct use together with services is a typed error', () => {
    const { keys, grantee } = setup();
    expect(() => keys.key('pii').grantDecrypt(grantee, { viaServices: ['s3'], allowDirectUse: true })).toThrow(expect.objectContaining({ code: 'CONFLICT', path: 'grantDecrypt.allowDirectUse' }));
  });

  test('allowDirectUse drops the ViaService condition and is reported as an opt-out', () => {
    const { stack, keys, grantee } = setup();
    keys.key('restricted').grantEncryptDecrypt(grantee, { allowDirectUse: true, reason: 'client-side envelope encryption' });
    const [p] = policies(stack);
    expect(p.policy.Statement[0].Sid).toBe('UseKeyDirectly');
    expect(p.policy.Statement[0].Condition).toBeUndefined();
    expect(p.policy.Statement[1]).toEqual({
      Sid: 'CreateGrantsForAwsResources',
      Effect: 'Allow',
      Action: ['kms:CreateGrant'],
      Resource: keyRef(stack, 'restricted'),
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    expect(collectOptOuts(stack)).toEqual([expect.objectContaining({ id: 'encryption.direct-key-use', reason: 'client-side envelope encryption' })]);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    expect(warnings.some((w) => w.startsWith('[encryption.direct-key-use]'))).toBe(true);
  });

  test('an imported key grants the same way, with the region of its ARN', () => {
    const { stack, grantee } = setup();
    const arn = 'arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const key = importKey(stack, 'ext', { keyArn: arn, purpose: 'pii' });
    expect(key.keyId).toBe('1234abcd-12ab-34cd-56ef-1234567890ab');
    key.grantDecrypt(grantee, { viaServices: ['s3'] });
    const [p] = policies(stack);
    expect(p.policy.Statement[0]).toEqual({
      Sid: 'UseKeyViaServices',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: arn,
      Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] } },
    });
  });

  test('an imported key grants encrypt/decrypt with the same service-grant statement', () => {
    const { stack, grantee } = setup();
    const arn = 'arn:aws:kms:eu-west-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    importKey(stack, 'ext', { keyArn: arn, purpose: 'pii' }).grantEncryptDecrypt(grantee, { viaServices: ['ec2'] });
    const [p] = policies(stack);
    expect(p.policy.Statement.map((st: any) => [st.Sid, st.Action, st.Resource, st.Condition])).toEqual([
      ['UseKeyViaServices', ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], arn, { StringEquals: { 'kms:ViaService': ['ec2.eu-west-1.amazonaws.com'] } }],
      ['CreateGrantsForAwsResources', ['kms:CreateGrant'], arn, { StringEquals: { 'kms:ViaService': ['ec2.eu-west-1.amazonaws.com'] }, Bool: { 'kms:GrantIsForAWSResource': 'true' } }],
    ]);
  });

  test('an imported key with a malformed ARN is a typed error', () => {
    const { stack } = testStack();
    expect(() => importKey(stack, 'ext', { keyArn: 'arn:aws:kms:eu-west-1:333333333333:alias/x', purpose: 'pii' })).toThrow(expect.objectContaining({ code: 'ARN_FORMAT', path: 'keyArn' }));
  });
});
