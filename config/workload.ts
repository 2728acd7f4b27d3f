import { DataClass, DATABASE_ENGINES, DatabaseEngine, defaultMaxAllocatedStorageGiB } from '@rampart/core';
import { resolveNetworkConfig } from './network';
import { EnvironmentConfig, WorkloadConfig } from './types';

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
