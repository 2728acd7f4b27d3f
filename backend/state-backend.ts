import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformBackend, TerraformStack } from 'cdktf';
import { emulatorBackendOverrides } from '../src/local/provider-overrides';
import { CloudStateConfig, Deployment, RampartConfig } from '../src/config/types';
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

/** Where the S3 backend keeps state, derived from the config. */
export interface S3StateSettings {
  /** Company prefix; the first segment of every state key. */
  readonly prefix: string;
  readonly bucket: string;
  readonly lockTable: string;
  readonly region: string;
  /** The state account. */
  readonly accountId: string;
  /** ARN of the state key's alias (known before the key exists). */
  readonly kmsKeyId: string;
  /** Role in the state account the backend assumes (on the emulator too). */
  readonly roleArn?: string;
  /** The emulator's URL when state lives in the emulator. */
  readonly emulatorEndpoint?: string;
}

/** The S3 state location for a config and a deployment target. */
export function s3StateSettings(config: RampartConfig, deployment: Deployment = { kind: 'aws' }): S3StateSettings {
  const boot = config.bootstrap;
  const accountId = boot.accountId;
  return {
    prefix: config.prefix,
    bucket: stateBucketNameFor(config.prefix, boot),
    lockTable: lockTableNameFor(config.prefix, boot),
    region: boot.region,
    accountId,
    kmsKeyId: `arn:aws:kms:${boot.region}:${accountId}:${stateKeyAliasFor(config.prefix)}`,
    roleArn: boot.stateRoleArn ?? boot.deployRoleArn,
    emulatorEndpoint: deployment.kind === 'local' ? deployment.endpoint : undefined,
  };
}

/**
 * Puts one stack's state in the S3 backend: its own key, server-side encryption with the state
 * key, DynamoDB locking and S3 native locking (`use_lockfile`, set by override because cdktf's
 * S3Backend has no such property), the state account pinned, and the state role assumed. On the
 * emulator the backend also takes the emulator's endpoints, path-style addressing and test
 * credentials (the starting point of the state role chain).
 */
export function useS3State(stack: TerraformStack, stackName: string, settings: S3StateSettings): S3Backend {
  const common = {
    bucket: settings.bucket,
    key: stateKeyFor(settings.prefix, stackName),
    region: settings.region,
    encrypt: true,
    kmsKeyId: settings.kmsKeyId,
    dynamodbTable: settings.lockTable,
  };
  const url = settings.emulatorEndpoint;
  const backend = new S3Backend(stack, {
    ...common,
    ...(url ? emulatorBackendOverrides(url) : {}),
    allowedAccountIds: [settings.accountId],
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
  /** Where the stacks run. The emulator always uses the S3 backend. @default { kind: 'aws' } */
  readonly deployment?: Deployment;
  /**
   * Local state file of the bootstrap stack while it is on local state.
   * @default `terraform.bootstrap.tfstate` in the working directory (cdktf's default)
   */
  readonly bootstrapStatePath?: string;
}

/**
 * Wires every stack to its state backend:
 * - `state.backend: 'cloud'`: a `cloud` block per stack, one workspace each;
 * - otherwise the S3 backend, one key per stack. The bootstrap stack stays on local state until
 *   `bootstrap.remoteState` is true (it creates the bucket its own state then moves into).
 * Returns each stack's backend by stack name.
 */
export function wireStateBackends(config: RampartConfig, stacks: readonly TerraformStack[], options: StateWiringOptions = {}): Record<string, TerraformBackend> {
  const deployment = options.deployment ?? { kind: 'aws' };
  const backends: Record<string, TerraformBackend> = {};
  const cloud = deployment.kind === 'aws' && config.state?.backend === 'cloud' ? config.state.cloud : undefined;
  const s3 = s3StateSettings(config, deployment);
  for (const stack of stacks) {
    const name = stack.node.id;
    if (cloud) backends[name] = useCloudState(stack, workspaceNameFor(config.prefix, name), cloud);
    else if (stack instanceof BootstrapStack && !config.bootstrap.remoteState) backends[name] = new LocalBackend(stack, options.bootstrapStatePath ? { path: options.bootstrapStatePath } : {});
    else backends[name] = useS3State(stack, name, s3);
  }
  return backends;
}
