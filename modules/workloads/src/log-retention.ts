import { DataClass, RampartValidationError, assertValid, isSensitiveDataClass, isUnresolved, validateLogRetention } from '@rampart/core';

/** Days application logs are kept: 30 for data without personal context, 365 for the sensitive classes. */
export const APPLICATION_LOG_RETENTION_DAYS = { standard: 30, sensitive: 365 } as const;

/**
 * The minimum retention of application logs for a data class: 365 days for pii, financial,
 * health and restricted (logs of those workloads carry personal context), 30 days otherwise.
 */
export function applicationLogRetentionDays(dataClass: DataClass): number {
  return isSensitiveDataClass(dataClass) ? APPLICATION_LOG_RETENTION_DAYS.sensitive : APPLICATION_LOG_RETENTION_DAYS.standard;
}

/**
 * Resolves a log group's retention: the class minimum when none is requested; otherwise the
 * requested value, which must be a CloudWatch Logs period and not shorter than the class minimum.
 */
export function resolveLogRetention(path: string, dataClass: DataClass, requested: number | undefined): number {
  const minimum = applicationLogRetentionDays(dataClass);
  if (requested === undefined) return minimum;
  assertValid(validateLogRetention(path, requested));
  if (!isUnresolved(requested) && requested < minimum) {
    throw new RampartValidationError({ code: 'LOG_RETENTION', path, value: requested, rule: `must be at least ${minimum} days for application logs of data class ${dataClass}` });
  }
  return requested;
}
