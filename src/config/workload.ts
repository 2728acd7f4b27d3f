import { DATA_CLASSES, DataClass, ValidationIssue, validateAccountId, validateIntegerRange, validateRegion, validateName, validateOneOf, validateS3BucketName } from '@rampart/core';
import { DATABASE_ENGINES, DatabaseEngine, FARGATE_TASK_SIZES, MAX_DB_STORAGE_GIB, defaultMaxAllocatedStorageGiB, isFargateTaskSize, validateCertificateArn } from '@rampart/workloads';
import { resolveNetworkConfig } from './network';
import { EnvironmentConfig, WorkloadConfig } from './types';

/** Fields a `workload` section may hold. */
export const WORKLOAD_FIELDS: readonly string[] = [
  'name', 'image', 'cpu', 'memoryMiB', 'desiredCount', 'certificateArn', 'healthCheckPath', 'dataClass', 'database',
  'rateLimit', 'withoutWebAcl', 'shieldAdvanced', 'allowExternalImage', 'keepImages',
];

/** Fields a `workload.database` section may hold. */
export const WORKLOAD_DATABASE_FIELDS: readonly string[] = [
  'engine', 'engineVersion', 'instanceClass', 'allocatedStorageGiB', 'maxAllocatedStorageGiB', 'backupRetentionDays', 'snapshotSchedule', 'snapshotCode',
];

/** A workload section with every default filled in. */
export interface ResolvedWorkloadConfig {
  readonly name: string;
  readonly image: string;
  readonly containerPort: number;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly certificateArn: string;
  readonly healthCheckPath: string;
  readonly httpRedirect: boolean;
  readonly dataClass: DataClass;
  readonly rateLimit: number;
  readonly withoutWebAcl?: { readonly reason: string; readonly owner: string; readonly expires: string };
  readonly shieldAdvanced: boolean;
  readonly allowExternalImage?: { readonly reason: string };
  readonly keepImages: number;
  readonly database?: {
    readonly engine: DatabaseEngine;
    readonly engineVersion: string;
    readonly instanceClass: string;
    readonly allocatedStorageGiB: number;
    readonly maxAllocatedStorageGiB: number;
    readonly backupRetentionDays: number;
    readonly snapshotSchedule: string;
    readonly snapshotCode?: { readonly s3Bucket: string; readonly s3Key: string };
  };
}

/**
 * Fills in the defaults of an environment's workload section; the container port and the
 * port-80 redirect come from the network section. Reads `production`, never the name.
 */
export function resolveWorkloadConfig(env: EnvironmentConfig): ResolvedWorkloadConfig | undefined {
  const w: WorkloadConfig | undefined = env.workload;
  if (!w) return undefined;
  const network = resolveNetworkConfig(env);
  const db = w.database;
  const engine = db?.engine ?? 'postgres';
  return {
    name: w.name ?? 'app',
    image: w.image,
    containerPort: network.appPort,
    cpu: w.cpu ?? 256,
    memoryMiB: w.memoryMiB ?? 512,
    desiredCount: w.desiredCount ?? 2,
    certificateArn: w.certificateArn,
    healthCheckPath: w.healthCheckPath ?? '/',
    httpRedirect: network.httpRedirect,
    dataClass: w.dataClass ?? env.defaultDataClass,
    rateLimit: w.rateLimit ?? 2000,
    withoutWebAcl: w.withoutWebAcl,
    shieldAdvanced: w.shieldAdvanced ?? false,
    allowExternalImage: w.allowExternalImage,
    keepImages: w.keepImages ?? 100,
    database: db
      ? {
          engine,
          engineVersion: db.engineVersion ?? DATABASE_ENGINES[engine].defaultVersion,
          instanceClass: db.instanceClass ?? 'db.t4g.medium',
          allocatedStorageGiB: db.allocatedStorageGiB ?? 20,
          maxAllocatedStorageGiB: db.maxAllocatedStorageGiB ?? defaultMaxAllocatedStorageGiB(db.allocatedStorageGiB ?? 20),
          backupRetentionDays: db.backupRetentionDays ?? (env.production ? 30 : 7),
          snapshotSchedule: db.snapshotSchedule ?? 'cron(0 3 * * ? *)',
          snapshotCode: db.snapshotCode,
        }
      : undefined,
  };
}

type Push = (i: ValidationIssue | undefined) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownFields(base: string, obj: Record<string, unknown>, known: readonly string[], push: Push): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) push({ code: 'UNKNOWN_FIELD', path: `${base}.${key}`, value: obj[key], rule: `is not a known field (known: ${known.join(', ')})` });
  }
}

/**
 * Checks `environments.<name>.workload`; pushes one issue per bad field. `p` is the
 * environment's path (`environments.prod`).
 */
export function validateWorkloadConfig(p: string, env: Record<string, unknown>, push: Push, prefix?: unknown): void {
  const w = env.workload;
  if (w === undefined) return;
  const base = `${p}.workload`;
  if (!isRecord(w)) {
    push({ code: 'TYPE', path: base, value: w, rule: 'must be an object with at least image and certificateArn' });
    return;
  }
  unknownFields(base, w, WORKLOAD_FIELDS, push);
  const nameIssue = w.name !== undefined ? validateName(`${base}.name`, w.name, { maxLength: 12 }) : undefined;
  push(nameIssue);
  // Derived names must fit their services: the load balancer and target group (32 characters) and the log bucket (63).
  if (!nameIssue && typeof prefix === 'string' && typeof env.name === 'string' && typeof env.accountId === 'string') {
    const base32 = `${prefix}-${env.name}-${String(w.name ?? 'app')}`;
    const bucket = `${base32}-alb-logs-${env.accountId}`;
    if (base32.length > 32 || bucket.length > 63) {
      push({ code: 'NAME_LENGTH', path: `${base}.name`, value: w.name ?? 'app', rule: `makes the load balancer name ${base32} (${base32.length}/32) or the log bucket ${bucket} (${bucket.length}/63) too long: choose a shorter workload name` });
    }
  }
  if (typeof w.image !== 'string' || w.image.length === 0 || /\s/.test(w.image)) {
    push({ code: 'IMAGE_FORMAT', path: `${base}.image`, value: w.image, rule: 'must be a container image reference without whitespace (pin it by digest: repo@sha256:...)' });
  } else if (w.allowExternalImage === undefined && !/^(?:\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9._/-]+@)?sha256:[a-f0-9]{64}$/.test(w.image)) {
    push({ code: 'IMAGE_NOT_FROM_REPOSITORY', path: `${base}.image`, value: w.image, rule: "must be a digest (sha256:...) of the workload's ECR repository, or that repository's reference @sha256:...; another registry needs allowExternalImage with a reason" });
  }
  for (const optOut of ['withoutWebAcl', 'allowExternalImage'] as const) {
    const v = w[optOut];
    if (v !== undefined && (!isRecord(v) || typeof v.reason !== 'string' || v.reason.trim().length < 10 || /[$%]\{/.test(v.reason))) {
      push({ code: 'REASON_REQUIRED', path: `${base}.${optOut}.reason`, value: isRecord(v) ? v.reason : v, rule: 'an opt-out needs { reason } of at least 10 characters (no ${ or %{)' });
    }
  }
  if (isRecord(w.withoutWebAcl)) {
    const o = w.withoutWebAcl;
    if (typeof o.owner !== 'string' || o.owner.trim().length === 0 || /[$%]\{/.test(o.owner)) push({ code: 'REQUIRED', path: `${base}.withoutWebAcl.owner`, value: o.owner, rule: 'must name who answers for the opt-out' });
    if (typeof o.expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.expires)) push({ code: 'DATE_FORMAT', path: `${base}.withoutWebAcl.expires`, value: o.expires, rule: 'must be the last day the opt-out applies, YYYY-MM-DD' });
  }
  if (w.rateLimit !== undefined) push(validateIntegerRange(`${base}.rateLimit`, w.rateLimit, 10, 2_000_000_000));
  if (w.keepImages !== undefined) push(validateIntegerRange(`${base}.keepImages`, w.keepImages, 1, 10000));
  if (w.shieldAdvanced !== undefined && typeof w.shieldAdvanced !== 'boolean') push({ code: 'TYPE', path: `${base}.shieldAdvanced`, value: w.shieldAdvanced, rule: 'must be true or false' });
  // The container runs as a non-root user without capabilities: it cannot bind a port below 1024.
  const network = isRecord(env.network) ? env.network : {};
  if (typeof network.appPort === 'number' && Number.isInteger(network.appPort) && network.appPort < 1024) {
    push({ code: 'PORT_MISMATCH', path: `${p}.network.appPort`, value: network.appPort, rule: 'must be 1024 or above when the environment has a workload: its container runs as a non-root user without capabilities' });
  }
  const cpu = w.cpu ?? 256;
  const memory = w.memoryMiB ?? 512;
  const cpuIssue = validateOneOf(`${base}.cpu`, cpu, Object.keys(FARGATE_TASK_SIZES).map(Number));
  push(cpuIssue);
  if (!cpuIssue && (typeof memory !== 'number' || !isFargateTaskSize(cpu as number, memory))) {
    const s = FARGATE_TASK_SIZES[cpu as number];
    push({ code: 'FARGATE_SIZE', path: `${base}.memoryMiB`, value: memory, rule: `with cpu ${String(cpu)} Fargate allows ${s.extra ? `${s.extra.join(', ')} or ` : ''}${s.min}-${s.max} MiB in steps of ${s.step}` });
  }
  if (w.desiredCount !== undefined) push(validateIntegerRange(`${base}.desiredCount`, w.desiredCount, 0, 100));
  const certIssue = validateCertificateArn(`${base}.certificateArn`, w.certificateArn);
  push(certIssue);
  // Compared only when the environment's own account and region are valid (those are reported on their own).
  if (!certIssue && typeof w.certificateArn === 'string' && !validateAccountId('', env.accountId) && !validateRegion('', env.region, Array.isArray(env.allowedRegions) ? (env.allowedRegions as string[]) : undefined)) {
    const [, , , region, account] = w.certificateArn.split(':');
    if (account !== env.accountId || region !== env.region) {
      push({ code: 'ACCOUNT_MISMATCH', path: `${base}.certificateArn`, value: w.certificateArn, rule: `must be a certificate in account ${env.accountId} and region ${env.region}` });
    }
  }
  if (w.healthCheckPath !== undefined && (typeof w.healthCheckPath !== 'string' || !/^\/[\x21-\x7e]{0,1023}$/.test(w.healthCheckPath))) {
    push({ code: 'PATH_FORMAT', path: `${base}.healthCheckPath`, value: w.healthCheckPath, rule: 'must start with / and hold at most 1024 printable characters' });
  }
  if (w.dataClass !== undefined) push(validateOneOf(`${base}.dataClass`, w.dataClass, DATA_CLASSES));

  const db = w.database;
  if (db === undefined) return;
  const dbBase = `${base}.database`;
  if (!isRecord(db)) {
    push({ code: 'TYPE', path: dbBase, value: db, rule: 'must be an object (every field optional)' });
    return;
  }
  unknownFields(dbBase, db, WORKLOAD_DATABASE_FIELDS, push);
  const engine = db.engine ?? 'postgres';
  const engineIssue = validateOneOf(`${dbBase}.engine`, engine, Object.keys(DATABASE_ENGINES));
  push(engineIssue);
  const dbPort = network.dbPort ?? 5432;
  if (!engineIssue && typeof dbPort === 'number' && dbPort !== DATABASE_ENGINES[engine as DatabaseEngine].port) {
    push({ code: 'PORT_MISMATCH', path: `${dbBase}.engine`, value: engine, rule: `listens on ${DATABASE_ENGINES[engine as DatabaseEngine].port}, but network.dbPort (the port the db security group admits) is ${dbPort}` });
  }
  if (!engineIssue && db.engineVersion !== undefined) {
    const spec = DATABASE_ENGINES[engine as DatabaseEngine];
    if (typeof db.engineVersion !== 'string' || !spec.versionPattern.test(db.engineVersion)) {
      push({ code: 'ENGINE_VERSION', path: `${dbBase}.engineVersion`, value: db.engineVersion, rule: `must be a supported ${String(engine)} version (e.g. ${spec.defaultVersion})` });
    }
  }
  if (db.instanceClass !== undefined && (typeof db.instanceClass !== 'string' || !/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(db.instanceClass))) {
    push({ code: 'INSTANCE_CLASS', path: `${dbBase}.instanceClass`, value: db.instanceClass, rule: 'must be an RDS instance class such as db.t4g.medium' });
  }
  const allocatedIssue = db.allocatedStorageGiB !== undefined ? validateIntegerRange(`${dbBase}.allocatedStorageGiB`, db.allocatedStorageGiB, 20, MAX_DB_STORAGE_GIB - 1) : undefined;
  push(allocatedIssue);
  if (db.maxAllocatedStorageGiB !== undefined) {
    const maxIssue = validateIntegerRange(`${dbBase}.maxAllocatedStorageGiB`, db.maxAllocatedStorageGiB, 21, MAX_DB_STORAGE_GIB);
    push(maxIssue);
    const allocated = (db.allocatedStorageGiB ?? 20) as number;
    if (!maxIssue && !allocatedIssue && (db.maxAllocatedStorageGiB as number) <= allocated) {
      push({ code: 'STORAGE_CEILING', path: `${dbBase}.maxAllocatedStorageGiB`, value: db.maxAllocatedStorageGiB, rule: `must be greater than allocatedStorageGiB (${allocated}): RDS rejects a storage-autoscaling ceiling that is not above the allocated storage` });
    }
  }
  if (db.backupRetentionDays !== undefined) {
    const min = env.production === true ? 30 : 7;
    const v = db.backupRetentionDays;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 35) {
      push({ code: 'BACKUP_RETENTION', path: `${dbBase}.backupRetentionDays`, value: v, rule: `must be an integer from ${min} to 35 days${env.production === true ? ' in production' : ''}` });
    }
  }
  if (db.snapshotSchedule !== undefined && (typeof db.snapshotSchedule !== 'string' || !/^(cron|rate)\(.+\)$/.test(db.snapshotSchedule))) {
    push({ code: 'SCHEDULE_FORMAT', path: `${dbBase}.snapshotSchedule`, value: db.snapshotSchedule, rule: 'must be an EventBridge schedule expression: cron(...) or rate(...)' });
  }
  if (db.snapshotCode !== undefined) {
    const code = db.snapshotCode;
    if (!isRecord(code)) push({ code: 'TYPE', path: `${dbBase}.snapshotCode`, value: code, rule: 'must be { s3Bucket, s3Key }' });
    else {
      unknownFields(`${dbBase}.snapshotCode`, code, ['s3Bucket', 's3Key'], push);
      push(validateS3BucketName(`${dbBase}.snapshotCode.s3Bucket`, code.s3Bucket));
      if (typeof code.s3Key !== 'string' || code.s3Key.length === 0 || code.s3Key.length > 1024) {
        push({ code: 'REQUIRED', path: `${dbBase}.snapshotCode.s3Key`, value: code.s3Key, rule: 'must be the S3 key of the code zip' });
      }
    }
  }
}
