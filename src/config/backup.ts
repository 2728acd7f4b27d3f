import { DATA_CLASSES, DataClass, ValidationIssue, validateIntegerRange, validateOneOf } from '@rampart/core';
import { VAULT_LOCK_MODES, VaultLockMode, parseBackupVaultArn } from '@rampart/recovery';
import { BackupConfig, EnvironmentConfig } from './types';

/** Fields a `backup` section may hold. */
export const BACKUP_FIELDS: readonly string[] = [
  'lockMode', 'minRetentionDays', 'maxRetentionDays', 'changeableForDays', 'retentionDays', 'schedule', 'copyToVaultArn', 'restoreTestSchedule',
];

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
    lockMode: b.lockMode ?? (env.production ? 'compliance' : 'governance'),
    minRetentionDays: b.minRetentionDays ?? 7,
    maxRetentionDays: b.maxRetentionDays ?? 3650,
    changeableForDays: b.changeableForDays ?? 3,
    retentionDays: b.retentionDays ?? {},
    schedule: b.schedule ?? 'cron(0 3 * * ? *)',
    copyToVaultArn: b.copyToVaultArn,
    restoreTestSchedule: b.restoreTestSchedule ?? 'cron(0 5 ? * SUN *)',
  };
}

type Push = (i: ValidationIssue | undefined) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `environments.<name>.backup`; pushes one issue per bad field. */
export function validateBackupConfig(p: string, env: Record<string, unknown>, push: Push): void {
  const b = env.backup;
  if (b === undefined) return;
  const base = `${p}.backup`;
  if (!isRecord(b)) {
    push({ code: 'TYPE', path: base, value: b, rule: 'must be an object (every field optional)' });
    return;
  }
  for (const key of Object.keys(b)) {
    if (!BACKUP_FIELDS.includes(key)) push({ code: 'UNKNOWN_FIELD', path: `${base}.${key}`, value: b[key], rule: `is not a known field (known: ${BACKUP_FIELDS.join(', ')})` });
  }
  if (b.lockMode !== undefined) {
    const issue = validateOneOf(`${base}.lockMode`, b.lockMode, VAULT_LOCK_MODES);
    push(issue);
    if (!issue && env.production === true && b.lockMode !== 'compliance') {
      push({ code: 'INSECURE', path: `${base}.lockMode`, value: b.lockMode, rule: 'a production vault is locked in compliance mode' });
    }
  }
  const min = b.minRetentionDays ?? 7;
  const max = b.maxRetentionDays ?? 3650;
  const minIssue = validateIntegerRange(`${base}.minRetentionDays`, min, 1, 36500);
  const maxIssue = validateIntegerRange(`${base}.maxRetentionDays`, max, 1, 36500);
  push(minIssue);
  push(maxIssue);
  if (!minIssue && !maxIssue && (max as number) < (min as number)) {
    push({ code: 'OUT_OF_RANGE', path: `${base}.maxRetentionDays`, value: max, rule: `must be at least minRetentionDays (${String(min)})` });
  }
  if (b.changeableForDays !== undefined) push(validateIntegerRange(`${base}.changeableForDays`, b.changeableForDays, 3, 36500));
  if (b.retentionDays !== undefined) {
    if (!isRecord(b.retentionDays)) push({ code: 'TYPE', path: `${base}.retentionDays`, value: b.retentionDays, rule: 'must be an object of days by data class' });
    else {
      for (const [k, v] of Object.entries(b.retentionDays)) {
        push(validateOneOf(`${base}.retentionDays.${k}`, k, DATA_CLASSES));
        push(validateIntegerRange(`${base}.retentionDays.${k}`, v, 1, 36500));
      }
    }
  }
  for (const field of ['schedule', 'restoreTestSchedule'] as const) {
    const v = b[field];
    if (v !== undefined && (typeof v !== 'string' || !/^cron\([^$%{}]+\)$/.test(v))) {
      push({ code: 'SCHEDULE_FORMAT', path: `${base}.${field}`, value: v, rule: 'must be an AWS Backup cron(...) expression' });
    }
  }
  if (b.copyToVaultArn !== undefined) {
    try {
      const target = parseBackupVaultArn(`${base}.copyToVaultArn`, b.copyToVaultArn as string);
      if (target.accountId === env.accountId && target.region === env.region) {
        push({ code: 'COPY_TARGET', path: `${base}.copyToVaultArn`, value: b.copyToVaultArn, rule: 'must be a vault in another account or another region' });
      }
    } catch (e) {
      push((e as { issue?: ValidationIssue }).issue);
    }
  }
}
