import { DataClass, VaultLockMode } from '@rampart/core';
import { BackupConfig, EnvironmentConfig } from './types';

/** A backup section with every default filled in. */
export interface ResolvedBackupConfig {
  readonly lockMode: VaultLockMode;
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  readonly changeableForDays: number;
  readonly retentionDays: Partial<Record<DataClass, number>>;
  readonly schedule: string;
  readonly copyToVaultArn?: string;
  readonly restoreTestSchedule: string;
}

/** Fills in the defaults of an environment's backup section. Reads `production`, never the name. */
export function resolveBackupConfig(env: EnvironmentConfig): ResolvedBackupConfig {
  const b: BackupConfig = env.backup ?? {};
  return {
    lockMode: (b.lockMode as VaultLockMode | undefined) ?? (env.production ? 'compliance' : 'governance'),
    minRetentionDays: b.minRetentionDays ?? 7,
    maxRetentionDays: b.maxRetentionDays ?? 3650,
    changeableForDays: b.changeableForDays ?? 3,
    retentionDays: (b.retentionDays ?? {}) as Partial<Record<DataClass, number>>,
    schedule: b.schedule ?? 'cron(0 3 * * ? *)',
    copyToVaultArn: b.copyToVaultArn,
    restoreTestSchedule: b.restoreTestSchedule ?? 'cron(0 5 ? * SUN *)',
  };
}
