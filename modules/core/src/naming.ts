import { assertValid, RampartValidationError } from './errors';
import { validateName, validateS3BucketName } from './validators';

/** The parts every Rampart name is built from. */
export interface NameParts {
  /** Company prefix, e.g. `acme`. */
  readonly prefix: string;
  /** Environment, e.g. `prod`. */
  readonly environment: string;
}

/**
 * `prefix-env-purpose`, validated segment by segment. Purpose may hold several hyphenated words.
 * Throws a RampartValidationError naming the bad segment.
 */
export function resourceName(parts: NameParts, purpose: string, maxLength = 64): string {
  assertValid(validateName('name.prefix', parts.prefix));
  assertValid(validateName('name.environment', parts.environment));
  assertValid(validateName('name.purpose', purpose, { maxLength }));
  const name = `${parts.prefix}-${parts.environment}-${purpose}`;
  if (name.length > maxLength) {
    throw new RampartValidationError({ code: 'NAME_LENGTH', path: 'name', value: name, rule: `must be at most ${maxLength} characters` });
  }
  return name;
}

/**
 * An S3 bucket name `prefix-env-purpose[-suffix]`, checked against S3's rules
 * (3–63 lowercase letters, digits, hyphens; starts and ends alphanumeric).
 */
export function s3BucketName(parts: NameParts, purpose: string, suffix?: string): string {
  const name = [parts.prefix, parts.environment, purpose, suffix].filter((s) => s !== undefined && s !== '').join('-');
  assertValid(validateS3BucketName('bucketName', name));
  return name;
}

/** `alias/prefix-env-purpose` for KMS aliases. */
export function kmsAliasName(parts: NameParts, purpose: string): string {
  return `alias/${resourceName(parts, purpose, 250)}`;
}
