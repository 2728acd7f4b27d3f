import { Token } from 'cdktf';
import { RampartValidationError, assertAllValid, kmsAliasName, resourceName, s3BucketName, validateAccountId, validateCidr, validateName, validateRegion, validateS3BucketName } from '@rampart/core';

describe('validators', () => {
  test('CIDR: accepts a clean block and names each kind of fault', () => {
    expect(validateCidr('c', '10.0.0.0/16')).toBeUndefined();
    expect(validateCidr('c', '10.0.0.0/33')?.code).toBe('CIDR_MASK');
    expect(validateCidr('c', '192.168.0.0/8')).toEqual({ code: 'CIDR_HOST_BITS', path: 'c', value: '192.168.0.0/8', rule: 'host bits must be zero for /8 (did you mean 192.0.0.0/8?)' });
    expect(validateCidr('c', '10.0.0/16')?.code).toBe('CIDR_FORMAT');
    expect(validateCidr('c', '10.0.0.256/32')?.code).toBe('CIDR_FORMAT');
    expect(validateCidr('c', '010.0.0.0/16')?.code).toBe('CIDR_FORMAT');
    expect(validateCidr('c', '10.0.0.0/12', { minMask: 16, maxMask: 28 })?.rule).toBe('prefix length must be between /16 and /28');
    expect(validateCidr('c', 42)?.code).toBe('TYPE');
  });

  test('names: lowercase, hyphenated, no traversal or shell characters', () => {
    expect(validateName('n', 'acme-prod')).toBeUndefined();
    expect(validateName('n', '../x')?.code).toBe('PATH_TRAVERSAL');
    expect(validateName('n', 'a$(id)')?.code).toBe('UNSAFE_CHARACTERS');
    expect(validateName('n', 'a--b')?.code).toBe('NAME_FORMAT');
    expect(validateName('n', '9lives')?.code).toBe('NAME_FORMAT');
    expect(validateName('n', 'abc', { maxLength: 2 })?.code).toBe('NAME_LENGTH');
  });

  test('S3 bucket names follow S3 rules', () => {
    expect(validateS3BucketName('b', 'acme-prod-logs')).toBeUndefined();
    expect(validateS3BucketName('b', 'x'.repeat(64))?.rule).toMatch(/3 to 63/);
    expect(validateS3BucketName('b', 'Acme')?.rule).toMatch(/lowercase/);
    expect(validateS3BucketName('b', '-acme')?.rule).toMatch(/start and end/);
    expect(validateS3BucketName('b', 'acme-')?.rule).toMatch(/start and end/);
    expect(validateS3BucketName('b', 'acme.logs')?.rule).toMatch(/only lowercase letters, digits and hyphens/);
  });

  test('regions and account ids', () => {
    expect(validateRegion('r', 'eu-central-1')).toBeUndefined();
    expect(validateRegion('r', 'eu-central-9')?.code).toBe('REGION_UNKNOWN');
    expect(validateRegion('r', 'us-east-1', ['eu-central-1'])?.code).toBe('REGION_NOT_ALLOWED');
    expect(validateAccountId('a', '123456789012')).toBeUndefined();
    expect(validateAccountId('a', '1234567890123')?.code).toBe('ACCOUNT_ID');
  });

  test('unresolved tokens are skipped, never guessed at', () => {
    const token = Token.asString({ resolve: () => 'whatever' });
    expect(validateCidr('c', token)).toBeUndefined();
    expect(validateName('n', token)).toBeUndefined();
    expect(validateS3BucketName('b', token)).toBeUndefined();
    expect(validateRegion('r', token, ['eu-central-1'])).toBeUndefined();
    expect(validateAccountId('a', token)).toBeUndefined();
  });

  test('assertAllValid raises one typed error for one issue', () => {
    expect(() => assertAllValid([undefined, validateCidr('vpc.cidr', '10.0.0.0/33')])).toThrow(RampartValidationError);
    try {
      assertAllValid([validateCidr('vpc.cidr', '10.0.0.0/33')]);
    } catch (e) {
      const err = e as RampartValidationError;
      expect([err.code, err.path, err.value]).toEqual(['CIDR_MASK', 'vpc.cidr', '10.0.0.0/33']);
      expect(err.message).toBe('vpc.cidr: prefix length must be between /0 and /32 (received "10.0.0.0/33") [CIDR_MASK]');
    }
  });
});

describe('naming', () => {
  const parts = { prefix: 'acme', environment: 'prod' };
  test('prefix-env-purpose', () => {
    expect(resourceName(parts, 'flow-logs')).toBe('acme-prod-flow-logs');
    expect(kmsAliasName(parts, 'pii')).toBe('alias/acme-prod-pii');
    expect(s3BucketName(parts, 'audit', '123456789012')).toBe('acme-prod-audit-123456789012');
  });
  test('bad segments are named', () => {
    expect(() => resourceName({ prefix: '../etc', environment: 'prod' }, 'x')).toThrow(/name.prefix/);
    expect(() => resourceName(parts, 'Flow')).toThrow(/name.purpose/);
    expect(() => s3BucketName(parts, 'a'.repeat(60))).toThrow(/bucketName: S3 bucket names must be 3 to 63/);
  });
});
