import { ValidationIssue } from '../errors';
import { isUnresolved } from '../validators';

const WILDCARD = /[*?]/;

/** A GitHub organisation or user name: 1-39 letters, digits and single inner hyphens. */
export function validateGithubOwner(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value === 'string' && WILDCARD.test(value)) {
    return { code: 'WILDCARD_SUBJECT', path, value, rule: 'must name one GitHub owner, without wildcards' };
  }
  if (typeof value !== 'string' || !/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(value)) {
    return { code: 'GITHUB_NAME', path, value, rule: 'must be a GitHub owner name: 1-39 letters, digits and single inner hyphens' };
  }
  return undefined;
}

/** A GitHub repository name: 1-100 letters, digits, `.`, `_`, `-`; not `.` or `..`. */
export function validateGithubRepository(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value === 'string' && WILDCARD.test(value)) {
    return { code: 'WILDCARD_SUBJECT', path, value, rule: 'must name one GitHub repository, without wildcards' };
  }
  if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(value) || value === '.' || value === '..') {
    return { code: 'GITHUB_NAME', path, value, rule: 'must be a GitHub repository name: 1-100 letters, digits, ".", "_" and "-"' };
  }
  return undefined;
}

/** A GitHub deployment environment or branch name as it appears in the token's subject. */
export function validateGithubRefName(path: string, value: unknown, kind: 'environment' | 'branch' | 'tag' = 'environment'): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value === 'string' && WILDCARD.test(value)) {
    return { code: 'WILDCARD_SUBJECT', path, value, rule: `must name one GitHub ${kind}, without wildcards` };
  }
  if (typeof value !== 'string' || !/^[A-Za-z0-9._/-]{1,255}$/.test(value) || value.includes('..') || value.startsWith('/') || value.endsWith('/')) {
    return { code: 'GITHUB_NAME', path, value, rule: `must be a GitHub ${kind} name: 1-255 letters, digits, ".", "_", "-" and inner "/"` };
  }
  return undefined;
}

/**
 * An IAM action or action pattern `service:Action` (wildcards allowed inside the action part,
 * e.g. `s3:Delete*`). A bare `*` is refused: it would match every action of every service.
 */
export function validateIamAction(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(value)) {
    return { code: 'IAM_ACTION', path, value, rule: 'must be an IAM action service:Action such as iam:DeleteRole (wildcards only in the action part; a bare * is refused)' };
  }
  return undefined;
}
