import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, S3BackendConfig, TerraformBackend, TerraformStack } from 'cdktf';
import { partitionOfRegion } from '@rampart/core';
import { CloudStateConfig, RampartConfig } from '../config/types';
import { BootstrapStack, lockTableNameFor, stateBucketNameFor, stateKeyAliasFor } from './bootstrap-stack';

/** HCP Terraform's host when `state.cloud.hostname` is not set. */
export const DEFAULT_CLOUD_HOSTNAME = 'app.terraform.io';

/** The state object of one stack in the state bucket: `<prefix>/<stack>.tfstate`. */
export function stateKeyFor(prefix: string, stackName: string): string {
  return `${prefix}/${stackName}.tfstate`;
}

/** The HCP Terraform workspace of one stack: `<prefix>-<stack>`. */
export function workspaceNameFor(prefix: string, stackName: string): string {
  return `${prefix}-${stackName}`;
}

/**
 * Extra S3 backend settings for a target that is not plain AWS (an emulator): endpoints,
 * credentials, path-style addressing, skip flags, retries.
 */
export type S3BackendOverrides = Omit<S3BackendConfig, 'bucket' | 'key' | 'region' | 'encrypt' | 'kmsKeyId' | 'dynamodbTable' | 'allowedAccountIds' | 'assumeRole'>;

/** Where the S3 backend keeps state, derived from the config. */
export interface S3StateSettings {
  /** Company prefix; the first segment of every state key. */
  readonly prefix: string;
  readonly bucket: string;
  readonly lockTable: string;
  readonly region: string;
  /** The state account; the backend refuses any other (unless the overrides skip the account lookup). */
  readonly accountId: string;
  /** ARN of the state key's alias (known before the key exists). */
  readonly kmsKeyId: string;
  /** Role in the state account the backend assumes. @default - none */
  readonly roleArn?: string;
  /** Extra backend settings. @default - none */
  readonly overrides?: S3BackendOverrides;
}

/** The S3 state location for a config: the bootstrap stack's bucket, lock table and key, reached through the state role. */
export function s3StateSettings(config: RampartConfig): S3StateSettings {
  const boot = config.bootstrap;
  return {
    prefix: config.prefix,
    bucket: stateBucketNameFor(config.prefix, boot),
    lockTable: lockTableNameFor(config.prefix, boot),
    region: boot.region,
    accountId: boot.accountId,
    kmsKeyId: `arn:${partitionOfRegion(boot.region)}:kms:${boot.region}:${boot.accountId}:${stateKeyAliasFor(config.prefix)}`,
    roleArn: boot.stateRoleArn ?? boot.deployRoleArn,
  };
}

/**
 * Puts one stack's state in the S3 backend: its own key, server-side encryption with the state
 * key, DynamoDB locking and S3 native locking (`use_lockfile`, set by override because cdktf's
 * S3Backend has no such property), the state account pinned (`allowed_account_ids`, left out
 * only when the overrides skip the account lookup), and the state role assumed when given.
 */
export function useS3State(stack: TerraformStack, stackName: string, settings: S3StateSettings): S3Backend {
  const overrides = settings.overrides ?? {};
  const backend = new S3Backend(stack, {
    bucket: settings.bucket,
    key: stateKeyFor(settings.prefix, stackName),
    region: settings.region,
    encrypt: true,
    kmsKeyId: settings.kmsKeyId,
    dynamodbTable: settings.lockTable,
    ...overrides,
    ...(overrides.skipRequestingAccountId ? {} : { allowedAccountIds: [settings.accountId] }),
    ...(settings.roleArn ? { assumeRole: { roleArn: settings.roleArn, sessionName: `rampart-state-${stackName}` } } : {}),
  });
  backend.addOverride('use_lockfile', true);
  return backend;
}

/** Puts one stack's state in an HCP Terraform workspace of its own. */
export function useCloudState(stack: TerraformStack, workspaceName: string, cloud: CloudStateConfig): CloudBackend {
  return new CloudBackend(stack, {
    organization: cloud.organization,
    hostname: cloud.hostname ?? DEFAULT_CLOUD_HOSTNAME,
    workspaces: new NamedCloudWorkspace(workspaceName, cloud.project),
  });
}

/** Options of `wireStateBackends`. */
export interface StateWiringOptions {
  /**
   * Which backend the stacks use.
   * @default config.state.backend, else 's3'
   */
  readonly backend?: 's3' | 'cloud';
  /** Where S3 state lives. @default s3StateSettings(config) */
  readonly s3?: S3StateSettings;
  /**
   * Local state file of the bootstrap stack while it is on local state.
   * @default `terraform.bootstrap.tfstate` in the working directory (cdktf's default)
   */
  readonly bootstrapStatePath?: string;
}

/**
 * Wires every stack to its state backend:
 * - `cloud`: a `cloud` block per stack, one workspace each;
 * - otherwise the S3 backend, one key per stack. The bootstrap stack stays on local state until
 *   `bootstrap.remoteState` is true (it creates the bucket its own state then moves into).
 * Returns each stack's backend by stack name.
 */
export function wireStateBackends(config: RampartConfig, stacks: readonly TerraformStack[], options: StateWiringOptions = {}): Record<string, TerraformBackend> {
  const backends: Record<string, TerraformBackend> = {};
  const cloud = (options.backend ?? config.state?.backend ?? 's3') === 'cloud' ? config.state?.cloud : undefined;
  const s3 = options.s3 ?? s3StateSettings(config);
  for (const stack of stacks) {
    const name = stack.node.id;
    if (cloud) backends[name] = useCloudState(stack, workspaceNameFor(config.prefix, name), cloud);
    else if (stack instanceof BootstrapStack && !config.bootstrap.remoteState) backends[name] = new LocalBackend(stack, options.bootstrapStatePath ? { path: options.bootstrapStatePath } : {});
    else backends[name] = useS3State(stack, name, s3);
  }
  return backends;
}
