import { RampartValidationError, RampartValidationErrors, ValidationIssue, isUnresolved } from '@rampart/core';

/** One container environment entry. */
export interface EnvironmentEntry {
  readonly name: string;
  readonly value: string;
}

/** Name fragments that mark a variable as a secret (matched on the upper-cased name). */
export const SECRET_NAME_PATTERNS: ReadonlyArray<{ readonly label: string; readonly pattern: RegExp }> = [
  { label: 'PASSWORD', pattern: /PASSWORD|PASSWD/ },
  { label: 'PASS', pattern: /(^|_)PASS($|_)|_PWD$/ },
  { label: 'PASSPHRASE', pattern: /PASSPHRASE/ },
  { label: 'SECRET', pattern: /SECRET/ },
  { label: 'TOKEN', pattern: /TOKEN/ },
  { label: 'API_KEY', pattern: /API_?KEY/ },
  { label: 'PRIVATE_KEY', pattern: /PRIVATE_?KEY/ },
  { label: 'ACCESS_KEY', pattern: /ACCESS_?KEY/ },
  { label: 'CREDENTIAL', pattern: /CREDENTIAL/ },
  { label: 'SIGNING_KEY', pattern: /SIGNING_?KEY/ },
];

/** Value shapes that are secrets whatever the variable is called. */
export const SECRET_VALUE_PATTERNS: ReadonlyArray<{ readonly label: string; readonly pattern: RegExp }> = [
  { label: 'an AWS access key id', pattern: /(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}($|[^A-Z0-9])/ },
  { label: 'a PEM private key', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/ },
  { label: 'a GitHub token', pattern: /(^|[^A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,}/ },
  { label: 'a Slack token', pattern: /(^|[^A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
];

const ADVICE = 'pass it as a container secret from Secrets Manager or SSM SecureString instead (ManagedSecret or SecureParameter wired with EcsSecrets)';

function redact(value: string): string {
  return value.length <= 4 ? '(redacted)' : `${value.slice(0, 4)}...(redacted)`;
}

/**
 * Every container environment entry that looks like a secret: by name (PASSWORD, SECRET, TOKEN,
 * API_KEY, PRIVATE_KEY, ...) or by value (AWS access key id, PEM private key, GitHub or Slack
 * token). Values are never echoed in full. Unresolved tokens are skipped.
 */
export function findSecretsInEnvironment(environment: readonly EnvironmentEntry[] | Readonly<Record<string, string>>, path = 'environment'): ValidationIssue[] {
  const entries: Array<{ name: string; value: string; at: string }> = Array.isArray(environment)
    ? (environment as readonly EnvironmentEntry[]).map((e, i) => ({ name: e.name, value: e.value, at: `${path}[${i}]` }))
    : Object.entries(environment).map(([name, value]) => ({ name, value, at: `${path}.${name}` }));
  const issues: ValidationIssue[] = [];
  for (const { name, value, at } of entries) {
    if (typeof name === 'string' && !isUnresolved(name)) {
      const upper = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
      const hit = SECRET_NAME_PATTERNS.find((p) => p.pattern.test(upper));
      if (hit) {
        issues.push({ code: 'SECRET_IN_ENVIRONMENT', path: Array.isArray(environment) ? `${at}.name` : at, value: name, rule: `looks like a secret (name matches ${hit.label}): ${ADVICE}` });
        continue;
      }
    }
    if (typeof value === 'string' && !isUnresolved(value)) {
      const hit = SECRET_VALUE_PATTERNS.find((p) => p.pattern.test(value));
      if (hit) issues.push({ code: 'SECRET_IN_ENVIRONMENT', path: Array.isArray(environment) ? `${at}.value` : at, value: redact(value), rule: `looks like ${hit.label}: ${ADVICE}` });
    }
  }
  return issues;
}

/** Throws when any environment entry looks like a secret: one RampartValidationError, or RampartValidationErrors for several. */
export function assertNoSecretsInEnvironment(environment: readonly EnvironmentEntry[] | Readonly<Record<string, string>>, path = 'environment'): void {
  const issues = findSecretsInEnvironment(environment, path);
  if (issues.length === 1) throw new RampartValidationError(issues[0]);
  if (issues.length > 1) throw new RampartValidationErrors(issues, 'Secrets in container environment');
}
