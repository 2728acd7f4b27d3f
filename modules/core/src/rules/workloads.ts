import { ValidationIssue } from '../errors';
import { isUnresolved } from '../validators';

/** Database engines EncryptedDatabase supports. */
export type DatabaseEngine = 'postgres' | 'mysql';

/** Per engine: default version, port, TLS-forcing parameter, parameter-group family and log exports. */
export const DATABASE_ENGINES: Readonly<
  Record<
    DatabaseEngine,
    {
      readonly defaultVersion: string;
      readonly port: number;
      readonly tlsParameter: { readonly name: string; readonly value: string };
      readonly family: (version: string) => string;
      readonly logExports: readonly string[];
      readonly versionPattern: RegExp;
    }
  >
> = {
  postgres: {
    defaultVersion: '16',
    port: 5432,
    tlsParameter: { name: 'rds.force_ssl', value: '1' },
    family: (v) => `postgres${v.split('.')[0]}`,
    logExports: ['postgresql', 'upgrade'],
    versionPattern: /^(1[2-9]|[2-9]\d)(\.\d+)?$/,
  },
  mysql: {
    defaultVersion: '8.0',
    port: 3306,
    tlsParameter: { name: 'require_secure_transport', value: 'ON' },
    family: (v) => `mysql${v.split('.').slice(0, 2).join('.')}`,
    logExports: ['error', 'slowquery'],
    versionPattern: /^8\.[04](\.\d+)?$/,
  },
};

/** Largest gp3 volume RDS allocates (GiB). */
export const MAX_DB_STORAGE_GIB = 65536;

/**
 * Default storage-autoscaling ceiling: twice the allocated storage, capped at
 * {@link MAX_DB_STORAGE_GIB}. RDS requires the ceiling to be greater than the allocated storage.
 */
export function defaultMaxAllocatedStorageGiB(allocatedGiB: number): number {
  return Math.min(allocatedGiB * 2, MAX_DB_STORAGE_GIB);
}

/** Fargate CPU units and the memory sizes (MiB) each allows. */
export const FARGATE_TASK_SIZES: Readonly<Record<number, { readonly min: number; readonly max: number; readonly step: number; readonly extra?: readonly number[] }>> = {
  256: { min: 1024, max: 2048, step: 1024, extra: [512] },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/** True when Fargate accepts this cpu / memory pair. */
export function isFargateTaskSize(cpu: number, memoryMiB: number): boolean {
  const size = FARGATE_TASK_SIZES[cpu];
  if (!size) return false;
  if (size.extra?.includes(memoryMiB)) return true;
  return memoryMiB >= size.min && memoryMiB <= size.max && (memoryMiB - size.min) % size.step === 0;
}

const ACM_ARN_RE = /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** An ACM certificate ARN (token-safe). */
export function validateCertificateArn(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !ACM_ARN_RE.test(value)) {
    return { code: 'ARN_FORMAT', path, value, rule: 'must be an ACM certificate ARN arn:aws:acm:<region>:<account>:certificate/<id>' };
  }
  return undefined;
}
