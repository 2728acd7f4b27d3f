import { RampartValidationError, ValidationIssue, assertAllValid } from './errors';
import { validateLogRetention } from './retention';
import { isUnresolved } from './validators';

/**
 * The classes of log the catalogue keeps, each with its own retention.
 *
 * - `cloudtrail`: API audit records while hot (CloudWatch Logs, S3 Standard).
 * - `cloudtrail-archive`: total life of API audit records in S3, archive tier included.
 * - `vpc-flow-logs`: network forensics.
 * - `application`: application logs without personal data.
 * - `application-pii`: application logs that carry personal data.
 * - `access`: IAM access logs and S3 server access logs.
 */
export type LogClass = 'cloudtrail' | 'cloudtrail-archive' | 'vpc-flow-logs' | 'application' | 'application-pii' | 'access';

/** Every log class, in table order. */
export const LOG_CLASSES: readonly LogClass[] = ['cloudtrail', 'cloudtrail-archive', 'vpc-flow-logs', 'application', 'application-pii', 'access'];

/**
 * Minimum retention per log class, in days. These are the floors of the retention table
 * (CloudTrail 365 days hot and 7 years in archive; VPC flow logs 90 days; application logs
 * 30 days, or 365 days when they carry personal data; IAM access logs 365 days).
 * 7 years is 2557 days, the CloudWatch Logs period that covers 7 × 365.25 days.
 */
export const MINIMUM_RETENTION_DAYS: Readonly<Record<LogClass, number>> = {
  cloudtrail: 365,
  'cloudtrail-archive': 2557,
  'vpc-flow-logs': 90,
  application: 30,
  'application-pii': 365,
  access: 365,
};

const PROP_OF: Record<LogClass, keyof RetentionPolicyProps> = {
  cloudtrail: 'cloudTrailDays',
  'cloudtrail-archive': 'cloudTrailArchiveDays',
  'vpc-flow-logs': 'vpcFlowLogsDays',
  application: 'applicationDays',
  'application-pii': 'applicationPiiDays',
  access: 'accessDays',
};

/** Overrides of the retention table. Each value may be longer than the table's, never shorter. */
export interface RetentionPolicyProps {
  /** CloudTrail records while hot: CloudWatch Logs retention and days in S3 Standard before archive. @default 365 */
  readonly cloudTrailDays?: number;
  /** Total life of CloudTrail records in S3 (archive included); then they expire. @default 2557 (7 years) */
  readonly cloudTrailArchiveDays?: number;
  /** VPC flow logs. @default 90 */
  readonly vpcFlowLogsDays?: number;
  /** Application logs without personal data. @default 30 */
  readonly applicationDays?: number;
  /** Application logs with personal data (PII context). @default 365 */
  readonly applicationPiiDays?: number;
  /** IAM access logs and S3 server access logs. @default 365 */
  readonly accessDays?: number;
}

/**
 * One object that maps each log class to its retention, so the table lives in one place. Every
 * {@link EncryptedLogGroup} takes its retention from it, and so do the logging module's S3
 * lifecycle rules (the audit and access-log buckets); the network module's flow-log group takes
 * a plain number, which the environment stacks read from their policy.
 *
 * Every value must be a period CloudWatch Logs accepts (`validateLogRetention`), at least the
 * table's minimum for its class, and the archive must outlast the hot period; otherwise the
 * constructor throws a RampartValidationError naming the prop (`retention.<prop>`).
 */
export class RetentionPolicy {
  /** The retention table as the seeds give it. */
  public static readonly DEFAULT = new RetentionPolicy();

  private readonly days: Readonly<Record<LogClass, number>>;

  constructor(props: RetentionPolicyProps = {}) {
    const days = {} as Record<LogClass, number>;
    const issues: Array<ValidationIssue | undefined> = [];
    for (const logClass of LOG_CLASSES) {
      const prop = PROP_OF[logClass];
      const value = props[prop] ?? MINIMUM_RETENTION_DAYS[logClass];
      const path = `retention.${prop}`;
      const issue = validateLogRetention(path, value);
      issues.push(issue);
      if (!issue && !isUnresolved(value) && value < MINIMUM_RETENTION_DAYS[logClass]) {
        issues.push({ code: 'RETENTION_BELOW_MINIMUM', path, value, rule: `must be at least ${MINIMUM_RETENTION_DAYS[logClass]} days, the minimum retention for ${logClass} logs` });
      }
      days[logClass] = value;
    }
    assertAllValid(issues, 'Invalid retention policy');
    if (!isUnresolved(days['cloudtrail-archive']) && !isUnresolved(days.cloudtrail) && days['cloudtrail-archive'] <= days.cloudtrail) {
      throw new RampartValidationError({
        code: 'OUT_OF_RANGE',
        path: 'retention.cloudTrailArchiveDays',
        value: days['cloudtrail-archive'],
        rule: `must be longer than cloudTrailDays (${days.cloudtrail}), so that records reach the archive before they expire`,
      });
    }
    this.days = days;
  }

  /** Retention of one log class in days: a valid CloudWatch Logs `retention_in_days`. */
  public retentionDays(logClass: LogClass): number {
    return this.days[logClass];
  }

  /** The whole table, by log class. */
  public toTable(): Readonly<Record<LogClass, number>> {
    return { ...this.days };
  }

  /**
   * Lifecycle numbers for an S3 bucket that holds CloudTrail records: days in S3 Standard
   * before the archive transition, and the age at which records expire.
   */
  public get cloudTrailLifecycle(): { readonly archiveAfterDays: number; readonly expireAfterDays: number } {
    return { archiveAfterDays: this.days.cloudtrail, expireAfterDays: this.days['cloudtrail-archive'] };
  }
}
