import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { assertNoSecretsInEnvironment, findSecretsInEnvironment } from '@rampart/secrets';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';

function errorOf(env: Array<{ name: string; value: string }>): RampartValidationError {
  try {
    assertNoSecretsInEnvironment(env);
  } catch (e) {
    return e as RampartValidationError;
  }
  throw new Error('expected the guard to throw');
}

describe('secrets in container environment variables', () => {
  // GIVEN one secret-looking entry WHEN guarded THEN a typed error names it and says to use a secret.
  test.each([
    ['DB_PASSWORD', 'x', 'PASSWORD'],
    ['db_passwd', 'x', 'PASSWORD'],
    ['SMTP_PASS', 'x', 'PASS'],
    ['MYSQL_PWD', 'x', 'PASS'],
    ['GPG_PASSPHRASE', 'x', 'PASSPHRASE'],
    ['CLIENT_SECRET', 'x', 'SECRET'],
    ['GITHUB_TOKEN', 'x', 'TOKEN'],
    ['STRIPE_API_KEY', 'x', 'API_KEY'],
    ['apiKey', 'x', 'API_KEY'],
    ['JWT_PRIVATE_KEY', 'x', 'PRIVATE_KEY'],
    ['AWS_SECRET_ACCESS_KEY', 'x', 'SECRET'],
    ['AWS_ACCESS_KEY_ID', 'x', 'ACCESS_KEY'],
    ['GOOGLE_CREDENTIALS', 'x', 'CREDENTIAL'],
    ['WEBHOOK_SIGNING_KEY', 'x', 'SIGNING_KEY'],
  ])('name %s is rejected (%s)', (name, value, label) => {
    const e = errorOf([
      { name: 'LOG_LEVEL', value: 'info' },
      { name, value },
    ]);
    expect(e).toBeInstanceOf(RampartValidationError);
    expect([e.code, e.path, e.value]).toEqual(['SECRET_IN_ENVIRONMENT', 'environment[1].name', name]);
    expect(e.rule).toContain(`name matches ${label}`);
    expect(e.rule).toMatch(/Secrets Manager or SSM SecureString/);
  });

  test.each([
    ['an AWS access key id (AKIA)', 'AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['a temporary access key id (ASIA)', 'ASIAY34FZKBOKMUTVV7A', 'an AWS access key id'],
    ['a key id inside a longer value', 'id=AKIAIOSFODNN7EXAMPLE;', 'an AWS access key id'],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----', 'a PEM private key'],
    ['an RSA PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'a PEM private key'],
    ['an OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl', 'a PEM private key'],
    ['a GitHub token', 'ghp_' + 'a'.repeat(36), 'a GitHub token'],
  ])('value shaped like %s is rejected, and not echoed', (_t, value, label) => {
    const e = errorOf([{ name: 'UPSTREAM', value }]);
    expect([e.code, e.path]).toEqual(['SECRET_IN_ENVIRONMENT', 'environment[0].value']);
    expect(e.rule).toContain(`looks like ${label}`);
    expect(e.message).not.toContain(value.slice(4, 20));
  });

  test('ordinary settings pass', () => {
    expect(
      findSecretsInEnvironment([
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'PORT', value: '8080' },
        { name: 'PWD', value: '/app' },
        { name: 'DB_HOST', value: 'db.internal' },
        { name: 'PASSENGER_COUNT', value: '4' },
        { name: 'REGION', value: 'eu-central-1' },
        { name: 'KEY_ID_PREFIX', value: 'AKIA' },
      ]),
    ).toEqual([]);
    expect(() => assertNoSecretsInEnvironment({ LOG_LEVEL: 'debug' })).not.toThrow();
  });

  test('a record form names the variable in the path; several problems are reported together', () => {
    expect(findSecretsInEnvironment({ API_TOKEN: 'x', LOG_LEVEL: 'info' }, 'container.environment')).toEqual([
      expect.objectContaining({ code: 'SECRET_IN_ENVIRONMENT', path: 'container.environment.API_TOKEN' }),
    ]);
    expect(() => assertNoSecretsInEnvironment({ API_TOKEN: 'x', DB_PASSWORD: 'y' })).toThrow(RampartValidationErrors);
  });

  test('unresolved tokens in values are skipped, not guessed at', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    const v = new TerraformVariable(stack, 'upstream', { type: 'string' });
    expect(findSecretsInEnvironment([{ name: 'UPSTREAM_URL', value: v.stringValue }])).toEqual([]);
  });
});
