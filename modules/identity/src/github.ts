import { ValidationIssue, isUnresolved, validateGithubOwner, validateGithubRefName, validateGithubRepository } from '@rampart/core';
export { validateGithubOwner, validateGithubRefName, validateGithubRepository } from '@rampart/core';

/** A wildcard character of a subject pattern. */
const WILDCARD = /[*?]/;

/** GitHub's OIDC issuer for Actions. */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
/** The issuer host, the prefix of its condition keys (`token.actions.githubusercontent.com:sub`). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience AWS expects in the token (`aud`), and the provider's client id. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** A GitHub repository. */
export interface GithubRepository {
  /** Organisation or user that owns the repository, e.g. `acme`. */
  readonly owner: string;
  /** Repository name, e.g. `infrastructure`. */
  readonly repository: string;
}

/** `repo:<owner>/<repo>:environment:<environment>`: tokens of jobs that run in one GitHub deployment environment. */
export function githubEnvironmentSubject(repo: GithubRepository, environment: string): string {
  return `repo:${repo.owner}/${repo.repository}:environment:${environment}`;
}

/** `repo:<owner>/<repo>:ref:refs/heads/<branch>`: tokens of jobs that run on one branch (outside any environment). */
export function githubBranchSubject(repo: GithubRepository, branch: string): string {
  return `repo:${repo.owner}/${repo.repository}:ref:refs/heads/${branch}`;
}

/** `repo:<owner>/<repo>:ref:refs/tags/<tag>`: tokens of jobs that run for one tag. */
export function githubTagSubject(repo: GithubRepository, tag: string): string {
  return `repo:${repo.owner}/${repo.repository}:ref:refs/tags/${tag}`;
}

/** What a subject admits. */
export type SubjectKind = 'exact' | 'pattern';

/**
 * Checks one `sub` value for a GitHub OIDC trust policy.
 *
 * - An exact subject must pin one repository and one environment, branch or tag.
 * - A subject with `*` or `?` is a pattern (any repository or any ref): refused with
 *   `WILDCARD_SUBJECT` unless `allowPatterns` is set.
 * - A pattern that does not name the owner literally (`*`, `repo:*`, or an owner holding a wildcard) is refused
 *   with `WILDCARD_OWNER` even then: it would admit workflows of every GitHub account.
 */
export function validateGithubSubject(path: string, value: unknown, allowPatterns = false): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string') return { code: 'TYPE', path, value, rule: 'must be a string' };
  if (WILDCARD.test(value)) {
    const owner = /^repo:([^/:]+)\//.exec(value)?.[1];
    if (owner === undefined || WILDCARD.test(owner) || validateGithubOwner(path, owner)) {
      return { code: 'WILDCARD_OWNER', path, value, rule: 'a subject must name its GitHub owner literally (repo:<owner>/...); a wildcard owner admits every GitHub account and cannot be opted into' };
    }
    if (!allowPatterns) {
      return { code: 'WILDCARD_SUBJECT', path, value, rule: 'must pin one repository and one environment, branch or tag; wildcard subjects need the explicit opt-in allowWildcardSubjects' };
    }
    return undefined;
  }
  const m = /^repo:([^/:]+)\/([^/:]+):(environment:(.+)|ref:refs\/heads\/(.+)|ref:refs\/tags\/(.+))$/.exec(value);
  if (!m) {
    return { code: 'GITHUB_SUBJECT', path, value, rule: 'must be repo:<owner>/<repo>:environment:<env>, repo:<owner>/<repo>:ref:refs/heads/<branch> or repo:<owner>/<repo>:ref:refs/tags/<tag>' };
  }
  return (
    validateGithubOwner(path, m[1]) ??
    validateGithubRepository(path, m[2]) ??
    validateGithubRefName(path, m[4] ?? m[5] ?? m[6], m[4] !== undefined ? 'environment' : m[5] !== undefined ? 'branch' : 'tag')
  );
}

/** Whether a subject is a pattern (holds `*` or `?`). */
export function subjectKind(subject: string): SubjectKind {
  return WILDCARD.test(subject) ? 'pattern' : 'exact';
}
