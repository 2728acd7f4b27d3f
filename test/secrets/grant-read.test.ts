import { decryptVia, readParameter } from '../helpers/read-grants';
import { Testing, TerraformStack } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { StackContext, renderPolicy, serviceTrustPolicy } from '@rampart/core';
import { ManagedSecret, SecretValue, SecureParameter } from '@rampart/secrets';
import { TEST_CONTEXT, resourcesOfType, stackWithKeys } from '../helpers/synth';

const names = { prefix: 'acme', environment: 'dev' };

function setup() {
  const { stack, keys } = stackWithKeys();
  StackContext.register(stack, TEST_CONTEXT);
  const role = new IamRole(stack, 'reader', { name: 'acme-dev-reader', assumeRolePolicy: renderPolicy(serviceTrustPolicy('lambda.amazonaws.com')) });
  const grantee = { roleName: role.name, roleArn: role.arn };
  const secret = new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), value: SecretValue.external() });
  const parameter = new SecureParameter(stack, 'salt', { names, name: 'signing-salt', key: keys.key('secrets') });
  return { stack: stack as TerraformStack, grantee, secret, parameter };
}

function policies(stack: TerraformStack) {
  const json = JSON.parse(Testing.synth(stack));
  const ref = (type: string, prefix: string, attr = 'arn') => `\${${type}.${Object.keys(resourcesOfType(json, type)).find((n) => n.startsWith(prefix))}.${attr}}`;
  return { json, ref, policies: Object.values(resourcesOfType(json, 'aws_iam_role_policy')) };
}

describe('grantRead', () => {
  test("a secret's read grant: GetSecretValue/DescribeSecret on exactly its ARN, Decrypt on its key only through Secrets Manager", () => {
    const { stack, grantee, secret } = setup();
    const grant = secret.grantRead(grantee);
    expect(grant.grantee).toBe(grantee);
    const {
      ref,
      policies: [policy],
    } = policies(stack);
    expect(policy.role).toBe('${aws_iam_role.reader.name}');
    expect(policy.name_prefix).toBe('secret-read-');
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadSecret', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: ref('aws_secretsmanager_secret', 'db_') },
        decryptVia('DecryptSecretViaSecretsManager', ref('aws_kms_key', 'keys_secrets_key_'), 'secretsmanager'),
      ],
    });
  });

  test("a parameter's read grant: GetParameter(s) on exactly its ARN, Decrypt on its key only through SSM", () => {
    const { stack, grantee, parameter } = setup();
    parameter.grantRead(grantee);
    const {
      ref,
      policies: [policy],
    } = policies(stack);
    expect(policy.name_prefix).toBe('parameter-read-');
    expect(JSON.parse(policy.policy).Statement).toEqual([readParameter(ref('aws_ssm_parameter', 'salt_')), decryptVia('DecryptParameterViaSsm', ref('aws_kms_key', 'keys_secrets_key_'), 'ssm')]);
  });

  test('granting the same role twice adds one policy; another role gets its own', () => {
    const { stack, grantee, secret } = setup();
    const first = secret.grantRead(grantee);
    expect(secret.grantRead(grantee)).toBe(first);
    const other = new IamRole(stack, 'other', { name: 'acme-dev-other', assumeRolePolicy: renderPolicy(serviceTrustPolicy('lambda.amazonaws.com')) });
    secret.grantRead({ roleName: other.name, roleArn: other.arn });
    const { policies: all } = policies(stack);
    expect(all.map((p) => p.role).sort()).toEqual(['${aws_iam_role.other.name}', '${aws_iam_role.reader.name}']);
  });

  test('without a registered context the region comes from the stack (one shared aws_region data source)', () => {
    const { stack, keys } = stackWithKeys();
    const secret = new ManagedSecret(stack, 'db', { names, name: 'app-db', key: keys.key('secrets'), value: SecretValue.external() });
    secret.grantRead({ roleName: 'r', roleArn: 'arn:aws:iam::333333333333:role/r' });
    const json = JSON.parse(Testing.synth(stack));
    const [policy] = Object.values(resourcesOfType(json, 'aws_iam_role_policy'));
    expect(JSON.parse(policy.policy).Statement[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.${data.aws_region.rampart-context-region.name}.amazonaws.com' } });
  });
});
