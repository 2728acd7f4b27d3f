import { DATA_CLASSES, DataClass, RampartValidationError, ValidationIssue, assertAllValid, isUnresolved, validateIntegerRange } from '@rampart/core';

/**
 * Days a daily recovery point of each data class is kept: the one backup retention table.
 *
 * Backups serve recovery, not record keeping (the audit trail and its archive keep records).
 * Classes whose loss hurts most and whose regulators expect a restorable year-end (financial,
 * health) keep a year; personal data keeps 35 days, so that an erasure reaches every backup
 * within five weeks; public data can be rebuilt and keeps a week.
 */
export const MINIMUM_BACKUP_RETENTION_DAYS: Readonly<Record<DataClass, number>> = {
  public: 7,
  internal: 35,
  confidential: 90,
  pii: 35,
  financial: 365,
  health: 365,
  restricted: 90,
};

/** The longest continuous (point-in-time) backup AWS Backup keeps: 35 days. */
export const MAX_CONTINUOUS_BACKUP_DAYS = 35;

/** The longest retention the table accepts (100 years, AWS Backup's own bound). */
export const MAX_BACKUP_RETENTION_DAYS = 36500;

/** Overrides of the table, by data class. Each may be longer than the table's value, never shorter. */
export type BackupRetentionPolicyProps = Partial<Record<DataClass, number>>;

/**
 * One object that maps each data class to the retention of its recovery points, as the logging
 * module's RetentionPolicy does for log classes. Backup plans read it; nothing else keeps a number.
 */
export class BackupRetentionPolicy {
  /** The table as shipped. */
  public static readonly DEFAULT = new BackupRetentionPolicy();

  private readonly days: Readonly<Record<DataClass, number>>;

  constructor(props: BackupRetentionPolicyProps = {}) {
    const days = {} as Record<DataClass, number>;
    const issues: Array<ValidationIssue | undefined> = [];
    for (const key of Object.keys(props)) {
      if (!(DATA_CLASSES as readonly string[]).includes(key)) {
        issues.push({ code: 'ENUM', path: `backupRetention.${key}`, value: key, rule: `must be a data class (${DATA_CLASSES.join(', ')})` });
      }
    }
    for (const dataClass of DATA_CLASSES) {
      const value = props[dataClass] ?? MINIMUM_BACKUP_RETENTION_DAYS[dataClass];
      const path = `backupRetention.${dataClass}`;
      const issue = validateIntegerRange(path, value, 1, MAX_BACKUP_RETENTION_DAYS);
      issues.push(issue);
      if (!issue && !isUnresolved(value) && value < MINIMUM_BACKUP_RETENTION_DAYS[dataClass]) {
        issues.push({ code: 'RETENTION_BELOW_MINIMUM', path, value, rule: `must be at least ${MINIMUM_BACKUP_RETENTION_DAYS[dataClass]} days, the minimum backup retention for ${dataClass} data` });
      }
      days[dataClass] = value;
    }
    assertAllValid(issues, 'Invalid backup retention policy');
    this.days = days;
  }

  /** Days a daily recovery point of a data class is kept. */
  public retentionDays(dataClass: DataClass): number {
    const days = this.days[dataClass];
    if (days === undefined) throw new RampartValidationError({ code: 'ENUM', path: 'dataClass', value: dataClass, rule: `must be a data class (${DATA_CLASSES.join(', ')})` });
    return days;
  }

  /** Days a continuous (point-in-time) recovery point of a data class is kept: the table's value, at most 35. */
  public continuousDays(dataClass: DataClass): number {
    return Math.min(this.retentionDays(dataClass), MAX_CONTINUOUS_BACKUP_DAYS);
  }

  /** The whole table. */
  public toTable(): Readonly<Record<DataClass, number>> {
    return { ...this.days };
  }
}
