import { BackupVault as BackupVaultResource } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultPolicy } from '@cdktf/provider-aws/lib/backup-vault-policy';
import { IKmsKey, RampartValidationError, assertValid, validateAccountId, renderPolicy } from '@rampart/core';
import { Construct } from 'constructs';

/** One statement of a key policy (the shape every Rampart key's `addToKeyPolicy` takes). */
export interface KeyPolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** A key whose policy can take further statements (every Rampart DataClassKey). */
export interface IKeyWithPolicy extends IKmsKey {
  addToKeyPolicy(statement: KeyPolicyStatement): void;
}

/**
 * Key-policy statement of a SOURCE key (the backup key, and the data keys of RDS instances whose
 * snapshots keep their own key) that lets AWS Backup in the copy destination account read the
 * recovery points it copies: decrypt, describe, and create grants for AWS resources, only
 * through AWS Backup.
 */
export function copyDestinationKeyStatement(destinationAccountId: string, partition = 'aws'): KeyPolicyStatement {
  assertValid(validateAccountId('destinationAccountId', destinationAccountId));
  return {
    Sid: `BackupCopiesTo${destinationAccountId}`,
    Effect: 'Allow',
    Principal: { AWS: `arn:${partition}:iam::${destinationAccountId}:root` },
    Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
    Resource: '*',
    Condition: { StringLike: { 'kms:ViaService': 'backup.*.amazonaws.com' } },
  };
}

/** Properties of a {@link BackupCopyTargetVault}. */
export interface BackupCopyTargetVaultProps {
  /** Vault name (2-50 letters, digits, hyphens, underscores). */
  readonly name: string;
  /** The key of this (destination) account that encrypts the copies: its `backup` key. */
  readonly key: IKeyWithPolicy;
  /** Accounts whose backup plans copy into this vault. */
  readonly sourceAccountIds: readonly string[];
  /** @default 'aws' */
  readonly partition?: string;
}

/**
 * The other side of a copy: a vault in the log-archive (or a dedicated backup) account that
 * admits copies from the listed source accounts. Its access policy allows
 * `backup:CopyIntoBackupVault` to those accounts only, and its key's policy admits them to use
 * the key through AWS Backup. Cross-account copies also need "cross-account backup" turned on in
 * the organisation's AWS Backup settings (management account). Build it in the destination
 * account's stack and pass its ARN to the source environments (`backup.copyToVaultArn`).
 */
export class BackupCopyTargetVault extends Construct {
  public readonly vaultName: string;
  public readonly vaultArn: string;
  public readonly resource: BackupVaultResource;
  public readonly policy: BackupVaultPolicy;

  constructor(scope: Construct, id: string, props: BackupCopyTargetVaultProps) {
    super(scope, id);
    const partition = props.partition ?? 'aws';
    if (props.sourceAccountIds.length === 0) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'sourceAccountIds', value: [], rule: 'must name at least one source account' });
    }
    props.sourceAccountIds.forEach((a, i) => assertValid(validateAccountId(`sourceAccountIds[${i}]`, a)));
    if (props.key.purpose !== 'backup') {
      throw new RampartValidationError({ code: 'KEY_PURPOSE', path: 'key', value: props.key.purpose, rule: 'a backup vault is encrypted with the backup key' });
    }
    if (!/^[A-Za-z0-9_-]{2,50}$/.test(props.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 2-50 letters, digits, hyphens or underscores' });
    }
    const sources = props.sourceAccountIds.map((a) => `arn:${partition}:iam::${a}:root`);
    props.key.addToKeyPolicy({
      Sid: 'BackupCopiesFromSourceAccounts',
      Effect: 'Allow',
      Principal: { AWS: sources },
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:CreateGrant'],
      Resource: '*',
      Condition: { StringLike: { 'kms:ViaService': 'backup.*.amazonaws.com' } },
    });
    this.resource = new BackupVaultResource(this, 'vault', { name: props.name, kmsKeyArn: props.key.keyArn });
    this.vaultName = this.resource.name;
    this.vaultArn = this.resource.arn;
    this.policy = new BackupVaultPolicy(this, 'policy', {
      backupVaultName: this.resource.name,
      policy: renderPolicy([{ Sid: 'CopyFromSourceAccounts', Effect: 'Allow', Principal: { AWS: sources }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }]),
    });
  }
}
