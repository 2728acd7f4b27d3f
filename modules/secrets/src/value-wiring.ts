import { IKmsKey, ValidationIssue, isUnresolved } from '@rampart/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { EphemeralRandomPassword } from './ephemeral-random-password';
import { SecretValueSpec } from './secret-value';

/** The key must be the secrets key. */
export function secretsKeyIssue(key: IKmsKey, path = 'key'): ValidationIssue | undefined {
  if (isUnresolved(key.purpose) || key.purpose === 'secrets') return undefined;
  return { code: 'KEY_PURPOSE', path, value: key.purpose, rule: 'must be the secrets key (purpose "secrets")' };
}

/** The write-only expression of a generated value: the ephemeral password, bare or inside a JSON object. */
export function generatedExpression(scope: Construct, spec: Extract<SecretValueSpec, { kind: 'generated' }>): string {
  const password = new EphemeralRandomPassword(scope, 'generated', {
    length: spec.length,
    excludePunctuation: spec.excludePunctuation,
    excludeCharacters: spec.excludeCharacters,
  });
  if (!spec.jsonFields) return password.value;
  return Fn.jsonencode({ ...spec.jsonFields, [spec.generatedKey]: password.value });
}
