import { ValidationIssue } from './errors';
import { isUnresolved } from './validators';

/** Retention periods CloudWatch Logs accepts (days). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** A value CloudWatch Logs accepts as `retention_in_days`. */
export function validateLogRetention(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'number' || !CLOUDWATCH_RETENTION_DAYS.includes(value)) {
    return { code: 'LOG_RETENTION', path, value, rule: `must be a CloudWatch Logs retention period: ${CLOUDWATCH_RETENTION_DAYS.join(', ')} days` };
  }
  return undefined;
}
