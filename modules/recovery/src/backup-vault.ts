import { BackupVault as BackupVaultResource } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { IKmsKey, RampartValidationError, assertAllValid, reportOptOut, validateIntegerRange, validateOneOf, VaultLockMode, VAULT_LOCK_MODES } from '@rampart/core';
import { Construct } from 'constructs';
export { VAULT_LOCK_MODES } from '@rampart/core';
export type { VaultLockMode } from '@rampart/core';

/** The vault lock's settings. */
export interface VaultLockProps {
  /** @default 'compliance' when `production`, else 'governance' */
  readonly mode?: VaultLockMode;
  /** Shortest retention a recovery point may have (1-36500 days). @default 7 */
  readonly minRetentionDays?: number;
  /** Longest retention a recovery point may have (at least minRetentionDays). @default 3650 */
  readonly maxRetentionDays?: number;
  /**
   * Compliance mode only: days (3-36500) during which the lock can still be removed; after them it
   * is immutable. @default 3
   */
  readonly changeableForDays?: number;
}

/** Properties of a {@link BackupVault}. */
export interface BackupVaultProps {
  /** Vault name: 2-50 letters, digits, hyphens, underscores. Changing it replaces the vault. */
  readonly name: string;
  /** The environment's `backup` key. Recovery points that AWS Backup encrypts itself use it. */
  readonly key: IKmsKey;
  /** Production vaults must be locked in compliance mode. @default false */
  readonly production?: boolean;
  /** @default - compliance in production, governance elsewhere; min 7, max 3650 days */
  readonly lock?: VaultLockProps;
}

/** A backup vault's identity, for plans, copies and restore tests. */
export interface IBackupVault {
  readonly vaultName: string;
  readonly vaultArn: string;
  /** Retention bounds its lock enforces; undefined without a lock. */
  readonly retentionBounds?: { readonly minDays: number; readonly maxDays: number };
}

/**
 * An AWS Backup vault encrypted with the customer-managed `backup` key, and its vault lock:
 * compliance mode in production (min/max retention, immutable after `changeableForDays`),
 * governance mode elsewhere by default. Governance and no lock are reported opt-outs
 * (`recovery.vault-lock-governance`, `recovery.vault-lock-off`).
 *
 * RDS and Aurora recovery points stay encrypted with the database's own key (AWS Backup does
 * not re-encrypt them); DynamoDB (advanced backup) and S3 recovery points use the vault key.
 */
export class BackupVault extends Construct implements IBackupVault {
  public readonly vaultName: string;
  public readonly vaultArn: string;
  public readonly retentionBounds?: { readonly minDays: number; readonly maxDays: number };
  public readonly lockMode: VaultLockMode;
  /** Escape hatch: the `aws_backup_vault`. */
  public readonly resource: BackupVaultResource;
  /** Escape hatch: the `aws_backup_vault_lock_configuration`, when locked. */
  public readonly lockConfiguration?: BackupVaultLockConfiguration;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    const production = props.production ?? false;
    const lock = props.lock ?? {};
    const mode = lock.mode ?? (production ? 'compliance' : 'governance');
    const minDays = lock.minRetentionDays ?? 7;
    const maxDays = lock.maxRetentionDays ?? 3650;
    const changeable = lock.changeableForDays ?? 3;
    assertAllValid([
      validateOneOf('lock.mode', mode, VAULT_LOCK_MODES),
      validateIntegerRange('lock.minRetentionDays', minDays, 1, 36500),
      validateIntegerRange('lock.maxRetentionDays', maxDays, 1, 36500),
      validateIntegerRange('lock.changeableForDays', changeable, 3, 36500),
    ]);
    if (typeof props.name !== 'string' || !/^[A-Za-z0-9_-]{2,50}$/.test(props.name)) {
      throw new RampartValidationError({ code: 'NAME_FORMAT', path: 'name', value: props.name, rule: 'must be 2-50 letters, digits, hyphens or underscores' });
    }
    if (props.key.purpose !== 'backup') {
      throw new RampartValidationError({ code: 'KEY_PURPOSE', path: 'key', value: props.key.purpose, rule: 'a backup vault is encrypted with the backup key' });
    }
    if (maxDays < minDays) {
      throw new RampartValidationError({ code: 'OUT_OF_RANGE', path: 'lock.maxRetentionDays', value: maxDays, rule: `must be at least lock.minRetentionDays (${minDays})` });
    }
    if (production && mode !== 'compliance') {
      throw new RampartValidationError({ code: 'INSECURE', path: 'lock.mode', value: mode, rule: 'a production vault is locked in compliance mode' });
    }
    this.lockMode = mode;
    this.resource = new BackupVaultResource(this, 'vault', { name: props.name, kmsKeyArn: props.key.keyArn });
    this.vaultName = this.resource.name;
    this.vaultArn = this.resource.arn;
    if (mode === 'none') {
      reportOptOut(this, { id: 'recovery.vault-lock-off', message: `backup vault ${props.name} has no vault lock: recovery points can be deleted before their retention ends` });
      return;
    }
    if (mode === 'governance') {
      reportOptOut(this, {
        id: 'recovery.vault-lock-governance',
        message: `backup vault ${props.name} is locked in governance mode: a principal allowed to remove the lock can delete recovery points early`,
      });
    }
    this.retentionBounds = { minDays, maxDays };
    this.lockConfiguration = new BackupVaultLockConfiguration(this, 'lock', {
      backupVaultName: this.vaultName,
      minRetentionDays: minDays,
      maxRetentionDays: maxDays,
      ...(mode === 'compliance' ? { changeableForDays: changeable } : {}),
    });
  }
}
