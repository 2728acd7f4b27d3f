import { PolicyStatement, StackContext } from '@rampart/core';

/**
 * Key-administration actions: manage the key and its aliases, policy, rotation, tags and
 * deletion. No cryptographic operation and no `kms:CreateGrant`, so an administrator cannot
 * use the key or hand out its use without changing the key policy (which CloudTrail records).
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/**
 * Actions of `grantEncryptDecrypt`'s main statement. `kms:DescribeKey` is included because
 * services such as RDS and EBS describe the key when the grantee creates an encrypted resource.
 */
export const ENCRYPT_DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

/**
 * Actions of `grantEncryptDecrypt`'s second statement, allowed only with
 * `kms:GrantIsForAWSResource: true`: a service the grantee uses (RDS, EBS, ...) may create the
 * grant it needs to keep using the key for a resource the grantee created, and the grantee cannot
 * create grants for itself or for other principals.
 */
export const SERVICE_GRANT_ACTIONS: readonly string[] = ['kms:CreateGrant'];

/** Actions of `grantDecrypt`. */
export const DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt'];

/**
 * AWS's documented default statement: the account may use IAM policies to grant access to
 * the key. It grants nothing by itself; without it, deleting the admin role would leave a key
 * nobody can manage (only AWS Support could recover it).
 */
export function accountRootStatement(ctx: StackContext): PolicyStatement {
  return {
    Sid: 'EnableIamPolicies',
    Effect: 'Allow',
    Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** Key administration for the configured admin role, and nothing else. */
export function keyAdministrationStatement(adminRoleArn: string): PolicyStatement {
  return {
    Sid: 'KeyAdministration',
    Effect: 'Allow',
    Principal: { AWS: adminRoleArn },
    Action: KEY_ADMIN_ACTIONS,
    Resource: '*',
  };
}
