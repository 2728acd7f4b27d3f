import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Grant, IGrantable, IKmsKey, PolicyStatement, renderPolicy } from '@rampart/core';
import { Construct } from 'constructs';

/** Actions that read a Secrets Manager secret's value and metadata. */
export const SECRET_READ_ACTIONS: readonly string[] = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
/** Actions that read SSM parameters (ECS uses `GetParameters`, SDKs `GetParameter`). */
export const PARAMETER_READ_ACTIONS: readonly string[] = ['ssm:GetParameter', 'ssm:GetParameters'];

/** The `kms:ViaService` value of a service endpoint in a region. */
function viaService(service: 'secretsmanager' | 'ssm', region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/**
 * `kms:Decrypt` on exactly the given keys, only when the request comes through `service` in
 * `region` (`kms:ViaService`): a reader of a secret cannot use the key for anything else.
 */
export function decryptViaStatement(sid: string, keys: readonly IKmsKey[], service: 'secretsmanager' | 'ssm', region: string): PolicyStatement {
  const arns = [...new Set(keys.map((k) => k.keyArn))];
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: arns.length === 1 ? arns[0] : arns,
    Condition: { StringEquals: { 'kms:ViaService': viaService(service, region) } },
  };
}

/** What reading Secrets Manager secrets needs: read on exactly their ARNs, Decrypt on their keys through Secrets Manager. */
export function secretReadStatements(secrets: ReadonlyArray<{ readonly secretArn: string; readonly encryptionKey: IKmsKey }>, region: string): PolicyStatement[] {
  if (secrets.length === 0) return [];
  const arns = [...new Set(secrets.map((s) => s.secretArn))];
  return [
    { Sid: 'ReadSecret', Effect: 'Allow', Action: [...SECRET_READ_ACTIONS], Resource: arns.length === 1 ? arns[0] : arns },
    decryptViaStatement(
      'DecryptSecretViaSecretsManager',
      secrets.map((s) => s.encryptionKey),
      'secretsmanager',
      region,
    ),
  ];
}

/** What reading SSM SecureString parameters needs: read on exactly their ARNs, Decrypt on their keys through SSM. */
export function parameterReadStatements(parameters: ReadonlyArray<{ readonly parameterArn: string; readonly encryptionKey: IKmsKey }>, region: string): PolicyStatement[] {
  if (parameters.length === 0) return [];
  const arns = [...new Set(parameters.map((p) => p.parameterArn))];
  return [
    { Sid: 'ReadParameter', Effect: 'Allow', Action: [...PARAMETER_READ_ACTIONS], Resource: arns.length === 1 ? arns[0] : arns },
    decryptViaStatement(
      'DecryptParameterViaSsm',
      parameters.map((p) => p.encryptionKey),
      'ssm',
      region,
    ),
  ];
}

/** A read grant: the statements and the inline policy on the grantee's role that holds them. */
export interface ReadGrant extends Grant {
  /** The inline policy (`aws_iam_role_policy`) attached to the grantee's role. */
  readonly policy: IamRolePolicy;
}

/**
 * Grants of one resource, one inline policy per grantee role: granting the same role twice
 * returns the first grant. Policy ids are `read-grant`, `read-grant-2`, ... in grant order.
 */
export class ReadGrants {
  private readonly grants: ReadGrant[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly namePrefix: string,
  ) {}

  public grant(grantee: IGrantable, statements: readonly PolicyStatement[]): ReadGrant {
    const existing = this.grants.find((g) => g.grantee.roleName === grantee.roleName);
    if (existing) return existing;
    const id = this.grants.length === 0 ? 'read-grant' : `read-grant-${this.grants.length + 1}`;
    const policy = new IamRolePolicy(this.scope, id, { role: grantee.roleName, namePrefix: this.namePrefix, policy: renderPolicy(statements) });
    const grant: ReadGrant = { grantee, statements, policy };
    this.grants.push(grant);
    return grant;
  }
}
