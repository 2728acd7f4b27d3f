import { DataClass, RampartValidationError, assertValid, isSensitiveDataClass, isUnresolved, validateLogRetention } from '@rampart/core';
import { LogClass, RetentionPolicy } from '@rampart/logging';

/**
 * The log class of a workload's application logs: `application-pii` for the sensitive data
 * classes (pii, financial, health, restricted: their logs carry personal context), `application` otherwise.
 */
export function applicationLogClass(dataClass: DataClass): LogClass {
  return isSensitiveDataClass(dataClass) ? 'application-pii' : 'application';
}

/**
 * Retention of a workload's application logs from a retention policy (the logging module's
 * table): 30 days for `application`, 365 for `application-pii` unless the policy lengthens them.
 */
export function applicationLogRetentionDays(dataClass: DataClass, retention: RetentionPolicy = RetentionPolicy.DEFAULT): number {
  return retention.retentionDays(applicationLogClass(dataClass));
}

/**
 * Resolves a log group's retention: the policy's value for the class when none is requested;
 * otherwise the requested value, which must be a CloudWatch Logs period and not shorter than the policy's.
 */
export function resolveLogRetention(path: string, dataClass: DataClass, requested: number | undefined, retention: RetentionPolicy = RetentionPolicy.DEFAULT): number {
  const minimum = applicationLogRetentionDays(dataClass, retention);
  if (requested === undefined) return minimum;
  assertValid(validateLogRetention(path, requested));
  if (!isUnresolved(requested) && !isUnresolved(minimum) && requested < minimum) {
    throw new RampartValidationError({
      code: 'LOG_RETENTION',
      path,
      value: requested,
      rule: `must be at least ${minimum} days, the ${applicationLogClass(dataClass)} retention for data class ${dataClass}`,
    });
  }
  return requested;
}
