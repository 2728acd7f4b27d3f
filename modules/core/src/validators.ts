import { Token } from 'cdktf';
import { AWS_REGIONS } from './regions';
import { ValidationIssue } from './errors';

/**
 * Token-safe validators. Each returns `undefined` when the value is valid or is an
 * unresolved token (a value only Terraform will know), and a {@link ValidationIssue} otherwise.
 * They never throw; use `assertValid` / `assertAllValid` to raise.
 */

/** True when the value is a cdktf token that cannot be checked at synth. */
export function isUnresolved(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value);
}

/** A parsed IPv4 CIDR block. */
export interface ParsedCidr {
  readonly address: number;
  readonly mask: number;
  /** First address (network) as an unsigned 32-bit integer. */
  readonly first: number;
  /** Last address (broadcast) as an unsigned 32-bit integer. */
  readonly last: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for anything malformed (no host-bit check). */
export function parseCidr(value: string): ParsedCidr | undefined {
  const m = CIDR_RE.exec(value);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o, i) => o > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return undefined;
  const mask = Number(m[5]);
  if (mask > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - mask);
  const first = Math.floor(address / size) * size;
  return { address, mask, first, last: first + size - 1 };
}

/** Formats an unsigned 32-bit address and mask as `a.b.c.d/n`. */
export function formatCidr(address: number, mask: number): string {
  return `${(address >>> 24) & 255}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}/${mask}`;
}

export interface CidrRules {
  /** Smallest prefix length accepted (largest block). @default 0 */
  readonly minMask?: number;
  /** Largest prefix length accepted (smallest block). @default 32 */
  readonly maxMask?: number;
}

/** An IPv4 CIDR with a valid mask and no host bits set (`192.168.0.0/8` is rejected). */
export function validateCidr(path: string, value: unknown, rules: CidrRules = {}): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string') return { code: 'TYPE', path, value, rule: 'must be an IPv4 CIDR string such as 10.0.0.0/16' };
  const shape = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d+)$/.exec(value);
  if (!shape || shape.slice(1, 5).some((o) => Number(o) > 255)) {
    return { code: 'CIDR_FORMAT', path, value, rule: 'must be IPv4 CIDR notation a.b.c.d/n with octets 0-255' };
  }
  const mask = Number(shape[5]);
  const minMask = rules.minMask ?? 0;
  const maxMask = rules.maxMask ?? 32;
  if (mask > 32) return { code: 'CIDR_MASK', path, value, rule: 'prefix length must be between /0 and /32' };
  const parsed = parseCidr(value);
  if (!parsed) return { code: 'CIDR_FORMAT', path, value, rule: 'must be IPv4 CIDR notation a.b.c.d/n without leading zeros' };
  if (parsed.address !== parsed.first) {
    return { code: 'CIDR_HOST_BITS', path, value, rule: `host bits must be zero for /${mask} (did you mean ${formatCidr(parsed.first, mask)}?)` };
  }
  if (mask < minMask || mask > maxMask) {
    return { code: 'CIDR_MASK', path, value, rule: `prefix length must be between /${minMask} and /${maxMask}` };
  }
  return undefined;
}

/** True when two parsed CIDR blocks share at least one address. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export interface NameRules {
  /** @default 1 */
  readonly minLength?: number;
  /** @default 32 */
  readonly maxLength?: number;
}

const UNSAFE_RE = /[;&|`$<>\\(){}[\]'"\s*?!#~]/;

/**
 * A name segment (company prefix, environment, purpose): lowercase letters, digits and single
 * hyphens, starting with a letter and ending with a letter or digit. Path traversal and shell
 * metacharacters get their own codes so that an attack is named as one.
 */
export function validateName(path: string, value: unknown, rules: NameRules = {}): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string') return { code: 'TYPE', path, value, rule: 'must be a string' };
  if (UNSAFE_RE.test(value)) {
    return { code: 'UNSAFE_CHARACTERS', path, value, rule: 'must not contain shell metacharacters or whitespace' };
  }
  if (value.includes('..') || value.includes('/')) {
    return { code: 'PATH_TRAVERSAL', path, value, rule: 'must not contain path separators or ".."' };
  }
  const min = rules.minLength ?? 1;
  const max = rules.maxLength ?? 32;
  if (value.length < min || value.length > max) {
    return { code: 'NAME_LENGTH', path, value, rule: `must be ${min} to ${max} characters long` };
  }
  if (!/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(value) || value.includes('--')) {
    return { code: 'NAME_FORMAT', path, value, rule: 'must be lowercase letters, digits and single hyphens, start with a letter and end with a letter or digit' };
  }
  return undefined;
}

/**
 * An S3 bucket name: 3-63 characters, lowercase letters, digits and hyphens, starting and
 * ending with a letter or digit. Dots are refused (they break TLS virtual-hosted addressing).
 */
export function validateS3BucketName(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string') return { code: 'TYPE', path, value, rule: 'must be a string' };
  if (value.includes('..') || value.includes('/') || value.includes('\\')) {
    return { code: 'PATH_TRAVERSAL', path, value, rule: 'must not contain path separators or ".."' };
  }
  if (value.length < 3 || value.length > 63) return { code: 'S3_NAME', path, value, rule: 'S3 bucket names must be 3 to 63 characters long' };
  if (/[A-Z]/.test(value)) return { code: 'S3_NAME', path, value, rule: 'S3 bucket names must be lowercase' };
  if (!/^[a-z0-9-]+$/.test(value)) return { code: 'S3_NAME', path, value, rule: 'S3 bucket names may contain only lowercase letters, digits and hyphens' };
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) return { code: 'S3_NAME', path, value, rule: 'S3 bucket names must start and end with a letter or digit' };
  if (value.startsWith('xn--') || value.endsWith('-s3alias') || value.endsWith('--ol-s3')) {
    return { code: 'S3_NAME', path, value, rule: 'S3 bucket names must not use the reserved prefixes or suffixes xn--, -s3alias, --ol-s3' };
  }
  return undefined;
}

/** A known AWS region; when `allowed` is given, also one of those. */
export function validateRegion(path: string, value: unknown, allowed?: readonly string[]): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !AWS_REGIONS.includes(value)) {
    return { code: 'REGION_UNKNOWN', path, value, rule: 'must be a known AWS region such as eu-central-1' };
  }
  if (allowed && !allowed.includes(value)) {
    return { code: 'REGION_NOT_ALLOWED', path, value, rule: `must be one of the allowed regions [${allowed.join(', ')}]` };
  }
  return undefined;
}

/** A 12-digit AWS account id. */
export function validateAccountId(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
    return { code: 'ACCOUNT_ID', path, value, rule: 'must be a 12-digit AWS account id given as a string' };
  }
  return undefined;
}

/** An IAM role ARN (`arn:<partition>:iam::<account>:role/<path/name>`). */
export function validateRoleArn(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/.test(value)) {
    return { code: 'ARN_FORMAT', path, value, rule: 'must be an IAM role ARN arn:aws:iam::<12-digit account>:role/<name>' };
  }
  return undefined;
}

/** An integer within [min, max]. */
export function validateIntegerRange(path: string, value: unknown, min: number, max: number): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return { code: 'OUT_OF_RANGE', path, value, rule: `must be an integer from ${min} to ${max}` };
  }
  return undefined;
}

/** One of a fixed list of values. */
export function validateOneOf<T>(path: string, value: unknown, options: readonly T[]): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (!options.includes(value as T)) {
    return { code: 'ENUM', path, value, rule: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}` };
  }
  return undefined;
}
