import { StackContext, asNumber } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** In production, a vault lock in compliance mode keeps recovery points from early deletion by anyone. */
export const backupVaultLockedProduction: PolicyRule = {
  id: 'backup-vault-locked-production',
  title: 'Production backup vaults have a vault lock in compliance mode',
  area: 'backup',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'add aws_backup_vault_lock_configuration for the vault with min_retention_days, max_retention_days and changeable_for_days (compliance mode)',
  resourceTypes: ['aws_backup_vault'],
  check(vault: PolicyResource, ctx: StackContext) {
    if (!ctx.production) return NOT_APPLICABLE;
    const locks = ctx.ofType('aws_backup_vault_lock_configuration').filter((l) => ctx.refersTo(l.attributes.backup_vault_name, vault) || l.attributes.backup_vault_name === vault.attributes.name);
    if (locks.length === 0) return violation('the vault has no aws_backup_vault_lock_configuration');
    const lock = locks[0].attributes;
    if (lock.changeable_for_days === undefined || lock.changeable_for_days === null) return violation('the vault lock has no changeable_for_days: it is in governance mode and can be removed');
    if (asNumber(lock.min_retention_days) === undefined && typeof lock.min_retention_days !== 'string') return violation('the vault lock sets no min_retention_days');
    return COMPLIANT;
  },
};
