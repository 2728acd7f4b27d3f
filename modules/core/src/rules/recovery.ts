import { RampartValidationError } from '../errors';

/**
 * How the vault is locked.
 * - `compliance`: after `changeableForDays` nobody, not even the root user or AWS, can remove
 *   the lock or delete a recovery point before its retention ends.
 * - `governance`: the same retention bounds, but a principal allowed to call
 *   `backup:DeleteBackupVaultLockConfiguration` can remove the lock.
 * - `none`: no lock.
 */
export type VaultLockMode = 'compliance' | 'governance' | 'none';

export const VAULT_LOCK_MODES: readonly VaultLockMode[] = ['compliance', 'governance', 'none'];

const VAULT_ARN = /^arn:(aws[a-z-]*):backup:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/;

/** The parts of a backup vault ARN, or a typed error naming `path`. */
export function parseBackupVaultArn(path: string, arn: string): { partition: string; region: string; accountId: string; name: string } {
  const m = typeof arn === 'string' ? VAULT_ARN.exec(arn) : null;
  if (!m) throw new RampartValidationError({ code: 'ARN_FORMAT', path, value: arn, rule: 'must be a backup vault ARN: arn:<partition>:backup:<region>:<account>:backup-vault:<name>' });
  return { partition: m[1], region: m[2], accountId: m[3], name: m[4] };
}
