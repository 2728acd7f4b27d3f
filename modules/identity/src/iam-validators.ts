import { ValidationIssue, isUnresolved } from '@rampart/core';
export { validateIamAction } from '@rampart/core';

/**
 * Token-safe validators for IAM inputs. Like core's validators they return an issue or
 * `undefined` and never throw.
 */

/** An IAM role name: 1-64 characters of letters, digits and `+=,.@_-`. */
export function validateRoleName(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(value)) {
    return { code: 'ROLE_NAME', path, value, rule: 'must be an IAM role name: 1-64 letters, digits and +=,.@_-' };
  }
  return undefined;
}

/** A reason given for an opt-out: at least 10 characters, so that it says something. */
export function validateReason(path: string, value: unknown): ValidationIssue | undefined {
  if (typeof value !== 'string' || value.trim().length < 10) {
    return { code: 'REASON_REQUIRED', path, value, rule: 'an opt-out needs a reason of at least 10 characters' };
  }
  return undefined;
}

/** An STS external id: 2-1224 characters of letters, digits and `+=,.@:/_-`. */
export function validateExternalId(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
    return { code: 'EXTERNAL_ID', path, value, rule: 'must be 2-1224 characters of letters, digits and +=,.@:/_-' };
  }
  return undefined;
}

/**
 * An IAM role or policy ARN, wildcards allowed in the partition, account and name:
 * `arn:aws:iam::123456789012:role/deploy`, `arn:aws:iam::*:role/acme-*-break-glass`. The name
 * must hold at least three literal characters, so that a pattern cannot cover every role.
 */
export function validateIamArnPattern(path: string, value: unknown, kind: 'role' | 'policy'): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  const m = typeof value === 'string' ? new RegExp(`^arn:(aws|aws-cn|aws-us-gov|\\*):iam::(\\d{12}|\\*):${kind}/([\\w+=,.@\\-/*?]{1,512})$`).exec(value) : null;
  if (!m) return { code: 'ARN_FORMAT', path, value, rule: `must be an IAM ${kind} ARN arn:aws:iam::<account or *>:${kind}/<name>` };
  const name = m[3].split('/').pop() ?? '';
  if (name.replace(/[*?]/g, '').length < 3) return { code: 'ARN_FORMAT', path, value, rule: `the ${kind} name must hold at least 3 literal characters` };
  return undefined;
}
