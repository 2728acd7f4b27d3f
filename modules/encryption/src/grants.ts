import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IGrantable, IKmsKey, PolicyStatement, RampartValidationError, renderPolicy, reportOptOut } from '@rampart/core';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SERVICE_GRANT_ACTIONS } from './key-policy';

/** How a grantee may use a key. */
export interface GrantOptions {
  /**
   * Services the grantee may use the key through, by endpoint prefix (`s3`, `rds`,
   * `secretsmanager`, `ssm`, `logs`, `dynamodb`, `ec2`, `sns`, ...). Each becomes a
   * `kms:ViaService` value `<service>.<region>.amazonaws.com`. Required unless `allowDirectUse`.
   * @default - none; one of viaServices or allowDirectUse must be given
   */
  readonly viaServices?: readonly string[];
  /**
   * Opt-out: let the grantee call KMS directly (client-side encryption), without a
   * `kms:ViaService` condition. Reported as opt-out `encryption.direct-key-use`.
   * @default false
   */
  readonly allowDirectUse?: boolean;
  /** Why direct use is needed; recorded with the opt-out. @default - none */
  readonly reason?: string;
}

const SERVICE_RE = /^[a-z][a-z0-9-]{1,62}$/;

/** The `kms:ViaService` value of a service in a region. */
export function viaServiceEndpoint(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/**
 * The statement of a grant: `actions` on exactly this key's ARN, only through the listed services.
 * Throws a RampartValidationError for a missing or malformed service list.
 */
export function grantStatement(key: IKmsKey, actions: readonly string[], options: GrantOptions, region: string, path: string): PolicyStatement {
  const services = options.viaServices ?? [];
  if (options.allowDirectUse && services.length > 0) {
    throw new RampartValidationError({ code: 'CONFLICT', path: `${path}.allowDirectUse`, value: true, rule: 'must not be combined with viaServices: direct use already covers every service' });
  }
  if (!options.allowDirectUse && services.length === 0) {
    throw new RampartValidationError({
      code: 'REQUIRED',
      path: `${path}.viaServices`,
      value: options.viaServices,
      rule: 'must name at least one service the key is used through (e.g. ["s3"]); direct use needs allowDirectUse: true',
    });
  }
  services.forEach((s, i) => {
    if (!Token.isUnresolved(s) && !SERVICE_RE.test(s)) {
      throw new RampartValidationError({
        code: 'SERVICE_NAME',
        path: `${path}.viaServices[${i}]`,
        value: s,
        rule: 'must be a service endpoint prefix such as s3, rds or secretsmanager (lowercase letters, digits, hyphens)',
      });
    }
  });
  return {
    Sid: options.allowDirectUse ? 'UseKeyDirectly' : 'UseKeyViaServices',
    Effect: 'Allow',
    Action: [...actions],
    Resource: key.keyArn,
    ...(services.length > 0 ? { Condition: { StringEquals: { 'kms:ViaService': services.map((s) => viaServiceEndpoint(s, region)) } } } : {}),
  };
}

/**
 * The statement that lets the services of a grant create grants on the key for AWS resources
 * (`SERVICE_GRANT_ACTIONS` with `kms:GrantIsForAWSResource: true`), under the same
 * `kms:ViaService` condition as the use statement it accompanies.
 */
export function serviceGrantStatement(use: PolicyStatement): PolicyStatement {
  const via = use.Condition?.StringEquals;
  return {
    Sid: 'CreateGrantsForAwsResources',
    Effect: 'Allow',
    Action: [...SERVICE_GRANT_ACTIONS],
    Resource: use.Resource,
    Condition: { ...(via ? { StringEquals: via } : {}), Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  };
}

/**
 * Attaches a grant to a role as an inline policy scoped to the key's ARN. Works for any
 * IKmsKey whose key policy delegates to IAM (every DataClassKey does). With `serviceGrants`
 * the policy also holds {@link serviceGrantStatement}.
 */
export function grantKeyUsage(
  scope: Construct,
  id: string,
  key: IKmsKey,
  grantee: IGrantable,
  actions: readonly string[],
  options: GrantOptions,
  region: string,
  path: string,
  serviceGrants = false,
): IamRolePolicy {
  const statement = grantStatement(key, actions, options, region, path);
  const policy = new IamRolePolicy(scope, id, {
    role: grantee.roleName,
    namePrefix: `kms-${key.purpose}-`,
    policy: renderPolicy(serviceGrants ? [statement, serviceGrantStatement(statement)] : [statement]),
  });
  if (options.allowDirectUse) {
    reportOptOut(policy, {
      id: 'encryption.direct-key-use',
      message: `role ${grantee.roleName} may call KMS directly with the ${key.purpose} key, not only through AWS services`,
      reason: options.reason,
    });
  }
  return policy;
}
