import { ValidationIssue, isUnresolved, validateAccountId, PolicyStatement } from '@rampart/core';

/**
 * An IAM Identity Center (SSO) permission set in one account. Identity Center provisions a role
 * `AWSReservedSSO_<permissionSetName>_<suffix>` under the path `/aws-reserved/sso.amazonaws.com/`
 * for every permission set assigned in an account; trusting that role's ARN pattern lets the
 * permission set's users assume a role, and nobody else.
 */
export interface SsoPermissionSet {
  /** Account in which the permission set is assigned. */
  readonly accountId: string;
  /** Permission set name, e.g. `Developer`. */
  readonly permissionSetName: string;
  /** Partition. @default 'aws' */
  readonly partition?: string;
}

/** ARN pattern of the roles Identity Center provisions for one permission set in one account. */
export function ssoRoleArnPattern(set: SsoPermissionSet): string {
  return `arn:${set.partition ?? 'aws'}:iam::${set.accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${set.permissionSetName}_*`;
}

/** Issues of a list of permission sets, with paths `<path>[i].field`. */
export function ssoIssues(path: string, sets: readonly SsoPermissionSet[]): Array<ValidationIssue | undefined> {
  return sets.flatMap((set, i) => [
    validateAccountId(`${path}[${i}].accountId`, set.accountId),
    isUnresolved(set.permissionSetName) || (typeof set.permissionSetName === 'string' && /^[\w+=,.@-]{1,32}$/.test(set.permissionSetName))
      ? undefined
      : { code: 'NAME_FORMAT', path: `${path}[${i}].permissionSetName`, value: set.permissionSetName, rule: 'permission set names are 1-32 letters, digits and +=,.@_- (no wildcards)' },
    set.partition === undefined || ['aws', 'aws-cn', 'aws-us-gov'].includes(set.partition)
      ? undefined
      : { code: 'ENUM', path: `${path}[${i}].partition`, value: set.partition, rule: 'must be one of "aws", "aws-cn", "aws-us-gov"' },
  ]);
}

/**
 * Trust statements for permission sets: one per account, whose principal is the account and whose
 * condition admits only that account's roles for the given permission sets.
 */
export function ssoTrustStatements(sets: readonly SsoPermissionSet[], actions: readonly string[], extraConditions: Record<string, Record<string, string | string[]>> = {}): PolicyStatement[] {
  const byAccount = new Map<string, SsoPermissionSet[]>();
  for (const set of sets) byAccount.set(`${set.partition ?? 'aws'}|${set.accountId}`, [...(byAccount.get(`${set.partition ?? 'aws'}|${set.accountId}`) ?? []), set]);
  return [...byAccount.entries()].map(([key, group], i) => {
    const [partition, accountId] = key.split('|');
    return {
      Sid: `TrustSsoPermissionSets${i}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: [...actions],
      Condition: { ...extraConditions, ArnLike: { 'aws:PrincipalArn': group.map(ssoRoleArnPattern) } },
    };
  });
}
