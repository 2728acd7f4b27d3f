import { RampartValidationError } from '@rampart/core';
import { PolicyRule } from './types';

/** Minimum length of a suppression's reason. */
export const MIN_REASON_LENGTH = 10;

/**
 * Silences one rule on one resource (or one finding of it) until a date. Expired suppressions
 * fail synth; rules marked unsuppressible refuse every suppression.
 */
export interface PolicySuppression {
  /** The rule to silence. */
  readonly ruleId: string;
  /** Why this is acceptable, at least 10 characters. */
  readonly reason: string;
  /** Who answers for it (team or person). */
  readonly owner: string;
  /** Last day it applies, `YYYY-MM-DD` (UTC). From the next day on, synth fails. */
  readonly expires: string;
  /** Only this finding of the rule on the resource (see the report's `finding` field). @default - every finding of the rule on the resource */
  readonly finding?: string;
}

/** A suppression aimed at a resource by address, for use outside the construct tree (CLI, app options). */
export interface AddressedSuppression extends PolicySuppression {
  /** Terraform address inside the stack, e.g. `aws_s3_bucket.logs`. */
  readonly address: string;
  /** Stack name; required when the suppression list is shared by several stacks. @default - any stack */
  readonly stack?: string;
}

/** Where a suppression came from: in code on a construct, or an addressed list. */
export type SuppressionSource = 'construct' | 'list';

/** A suppression as the engine sees it. */
export interface ResolvedSuppression extends PolicySuppression {
  readonly address: string;
  readonly source: SuppressionSource;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** How far ahead a suppression may expire: at most one year after the day it is judged. */
export const MAX_SUPPRESSION_YEARS = 1;

/** The last allowed expiry for a suppression judged on `today`: the same day one year later (28 Feb for 29 Feb). */
export function latestExpiry(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const next = new Date(Date.UTC(y + MAX_SUPPRESSION_YEARS, m - 1, d));
  // 29 Feb + 1 year rolls over to 1 Mar; keep it in February.
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

const ADDRESS = /^([a-zA-Z0-9_]+\.[a-zA-Z0-9_-]+|terraform\.backend\.[a-z0-9_]+|terraform\.cloud)$/;

/** True for an address a suppression may target: `type.name`, `terraform.backend.<kind>` or `terraform.cloud`. */
export function isSuppressibleAddress(value: unknown): value is string {
  return typeof value === 'string' && ADDRESS.test(value);
}

/** The error for an addressed suppression whose address is not a Terraform address, or undefined. */
export function addressError(address: unknown, path: string): RampartValidationError | undefined {
  if (isSuppressibleAddress(address)) return undefined;
  return new RampartValidationError({ code: 'INVALID_ADDRESS', path, value: address, rule: 'must be a Terraform address type.name (or terraform.backend.<kind>, terraform.cloud)' });
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Checks a suppression's shape against the known rules; returns every problem (empty when valid).
 * `path` prefixes each error's field path. With `today`, an expiry more than one year after it is
 * refused (`EXPIRY_TOO_FAR`): exceptions are reviewed at least yearly.
 */
export function suppressionErrors(s: PolicySuppression, rules: ReadonlyMap<string, PolicyRule>, path: string, today?: string): RampartValidationError[] {
  const errors: RampartValidationError[] = [];
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    return [new RampartValidationError({ code: 'TYPE', path, value: s, rule: 'must be an object {ruleId, reason, owner, expires, finding?}' })];
  }
  const rule = rules.get(s.ruleId);
  if (!rule) {
    errors.push(new RampartValidationError({ code: 'UNKNOWN_RULE', path: `${path}.ruleId`, value: s.ruleId, rule: 'must name a rule of the policy pack' }));
  } else if (!rule.suppressible) {
    errors.push(new RampartValidationError({ code: 'UNSUPPRESSIBLE_RULE', path: `${path}.ruleId`, value: s.ruleId, rule: 'this rule can never be suppressed; fix the resource instead' }));
  }
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
    errors.push(new RampartValidationError({ code: 'REASON_TOO_SHORT', path: `${path}.reason`, value: s.reason, rule: `must explain the exception in at least ${MIN_REASON_LENGTH} characters` }));
  }
  if (typeof s.owner !== 'string' || s.owner.trim().length === 0) {
    errors.push(new RampartValidationError({ code: 'OWNER_MISSING', path: `${path}.owner`, value: s.owner, rule: 'must name who answers for the exception' }));
  }
  if (typeof s.expires !== 'string' || !isIsoDate(s.expires)) {
    errors.push(new RampartValidationError({ code: 'INVALID_DATE', path: `${path}.expires`, value: s.expires, rule: 'must be a date written YYYY-MM-DD' }));
  } else if (today !== undefined && isIsoDate(today) && s.expires > latestExpiry(today)) {
    errors.push(
      new RampartValidationError({
        code: 'EXPIRY_TOO_FAR',
        path: `${path}.expires`,
        value: s.expires,
        rule: `must be at most ${MAX_SUPPRESSION_YEARS} year after ${today} (${latestExpiry(today)} at the latest)`,
      }),
    );
  }
  if (s.finding !== undefined && (typeof s.finding !== 'string' || s.finding.length === 0)) {
    errors.push(new RampartValidationError({ code: 'INVALID_FINDING', path: `${path}.finding`, value: s.finding, rule: 'must be a non-empty finding id from the report' }));
  }
  return errors;
}

/** True once the suppression's last day has passed. */
export function isExpired(s: PolicySuppression, today: string): boolean {
  return s.expires < today;
}
