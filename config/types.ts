import { z } from 'zod';
import { DataClass } from '@rampart/core';
import { RampartConfigSchema } from './schema';

/**
 * The config types, inferred from the one schema (schema.ts). Descriptions and defaults of every
 * field are in the schema and in the README's generated config reference.
 */

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Raw = z.output<typeof RampartConfigSchema>;
type RawEnvironment = Raw['environments'][number];

/** Everything Rampart's own app needs to build its stacks. */
export type RampartConfig = DeepReadonly<Omit<Raw, 'environments'>> & { readonly environments: readonly EnvironmentConfig[] };
/** Tag values for the shared stacks (bootstrap and org). */
export type PlatformTags = RampartConfig['platform'];
/** The organisation (management account) stack. */
export type OrgConfig = RampartConfig['org'];
/** The bootstrap (state) stack. */
export type BootstrapConfig = RampartConfig['bootstrap'];
/** The GitHub repository whose workflows deploy. */
export type GithubConfig = RampartConfig['github'];
/** Where state is kept. */
export type StateConfig = NonNullable<RampartConfig['state']>;
/** HCP Terraform settings. */
export type CloudStateConfig = NonNullable<StateConfig['cloud']>;
/** One environment: one stack in its own account. */
export type EnvironmentConfig = DeepReadonly<Omit<RawEnvironment, 'defaultDataClass' | 'workload'>> & {
  readonly defaultDataClass: DataClass;
  readonly workload?: WorkloadConfig;
};
/** Alerting of one account. */
export type MonitoringConfig = OrgConfig['monitoring'];
/** One recipient of an alert topic. */
export type AlertSubscriptionConfig = MonitoringConfig['alertSubscriptions'][number];
/** The organisation trail. */
export type AuditLoggingConfig = NonNullable<OrgConfig['logging']>;
/** The SCP settings. */
export type GuardrailsConfig = OrgConfig['guardrails'];
/** The network of one environment. */
export type NetworkConfig = NonNullable<EnvironmentConfig['network']>;
/** NAT for the private tiers. */
export type NatModeConfig = NonNullable<NetworkConfig['natMode']>;
/** The workload of one environment. */
export type WorkloadConfig = DeepReadonly<Omit<NonNullable<RawEnvironment['workload']>, 'dataClass'>> & { readonly dataClass?: DataClass };
/** The workload's database. */
/** `environments[].backup`. */
export type BackupConfig = NonNullable<EnvironmentConfig['backup']>;

export type WorkloadDatabaseConfig = NonNullable<WorkloadConfig['database']>;
/** A region described by config (`regions.<name>`). */
export type RegionOverrideConfig = NonNullable<RampartConfig['regions']>[string];

/** One AWS account a stack deploys into. */
export interface AccountTarget {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Home region of the stack. */
  readonly region: string;
  /** Role the provider assumes to reach the account. */
  readonly deployRoleArn: string;
}

/**
 * Where the synthesised stacks will run. `aws` is the real cloud; `local` is the local AWS
 * emulator (provider endpoints pointed at it, test credentials, account checks skipped).
 */
export type Deployment = { readonly kind: 'aws' } | { readonly kind: 'local'; readonly endpoint: string };

/** The log-archive or the security account (`logArchive`, `security`). */
export type SecurityAccountConfig = NonNullable<RampartConfig['logArchive']>;
/** The SECURITY alternate contact of every account. */
export type SecurityContactConfig = NonNullable<RampartConfig['securityContact']>;
/** Which accounts hold audit records and detection. */
export type AccountsConfig = NonNullable<RampartConfig['accounts']>;
