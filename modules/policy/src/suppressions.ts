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

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Checks a suppression's shape against the known rules; returns every problem (empty when valid).
 * `path` prefixes each error's field path.
 */
export function suppressionErrors(s: PolicySuppression, rules: ReadonlyMap<string, PolicyRule>, path: string): RampartValidationError[] {
  const errors: RampartValidationError[] = [];
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
