import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { kmsAliasName, reportOptOut } from '@rampart/core';
import { RampartPolicy, todayUtc } from '@rampart/policy';
import { Deployment, BootstrapConfig, PlatformTags } from '../src/config/types';
import { RampartStack } from '../stacks/rampart-stack';
import { TerraformStateStore } from './state-store';

export interface BootstrapStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
  readonly bootstrap: BootstrapConfig;
  readonly platform: PlatformTags;
}

/** Default number of days a noncurrent state version is kept. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 90;

/** The state bucket name for a config: `bootstrap.stateBucketName` or `<prefix>-tfstate-<accountId>`. */
export function stateBucketNameFor(prefix: string, bootstrap: BootstrapConfig): string {
  return bootstrap.stateBucketName ?? `${prefix}-tfstate-${bootstrap.accountId}`;
}

/** The lock table name for a config: `bootstrap.lockTableName` or `<prefix>-tfstate-lock`. */
export function lockTableNameFor(prefix: string, bootstrap: BootstrapConfig): string {
  return bootstrap.lockTableName ?? `${prefix}-tfstate-lock`;
}

/** The alias of the state key: `alias/<prefix>-bootstrap-tfstate`. */
export function stateKeyAliasFor(prefix: string): string {
  return kmsAliasName({ prefix, environment: 'bootstrap' }, 'tfstate');
}

/**
 * Why the emulator target has no TLS-only state bucket policy: moto applies the Deny statements
 * of a bucket policy to object reads and writes but does not evaluate their conditions, so the
 * `aws:SecureTransport` deny would refuse every state read and write (and the emulator is
 * reached over plain HTTP on loopback anyway).
 */
export const EMULATOR_TLS_OPT_OUT_REASON =
  'the local AWS emulator (moto) applies bucket-policy Deny statements without evaluating their conditions, so a TLS-only policy would refuse all state access';

/**
 * Remote state for every stack: the state key, bucket and lock table (TerraformStateStore).
 * The stack itself starts on local state; its state moves into its own bucket with
 * `npm run migrate-bootstrap-state` once `bootstrap.remoteState` is set.
 */
export class BootstrapStack extends RampartStack {
  public readonly stateBucketName: string;
  public readonly lockTableName: string;
  public readonly store: TerraformStateStore;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: props.bootstrap,
      tags: { environment: 'bootstrap', ...props.platform, dataClassification: 'confidential' },
    });
    this.stateBucketName = stateBucketNameFor(props.prefix, props.bootstrap);
    this.lockTableName = lockTableNameFor(props.prefix, props.bootstrap);
    this.store = new TerraformStateStore(this, 'state', {
      bucketName: this.stateBucketName,
      lockTableName: this.lockTableName,
      keyAlias: stateKeyAliasFor(props.prefix),
      accountId: this.accountId,
      region: props.bootstrap.region,
      noncurrentVersionExpirationDays: props.bootstrap.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
      ...(this.deployment.kind === 'local' ? { requireTls: false, tlsOnlyOptOutReason: EMULATOR_TLS_OPT_OUT_REASON } : {}),
    });
    if (!props.bootstrap.remoteState) {
      reportOptOut(this, {
        id: 'backend.bootstrap-local-state',
        message: 'the bootstrap stack keeps its own state in a local file until it is migrated into the bucket it creates (npm run migrate-bootstrap-state, then set bootstrap.remoteState: true)',
      });
    }
    if (this.deployment.kind === 'local') {
      // The policy pack's TLS-only rule cannot hold on the emulator (see EMULATOR_TLS_OPT_OUT_REASON).
      // The suppression covers this synthesis of the emulator target only: it expires today.
      RampartPolicy.suppress(this.store.bucket, { ruleId: 's3-tls-only', reason: EMULATOR_TLS_OPT_OUT_REASON, owner: 'rampart local emulator target', expires: todayUtc() });
    }
    new TerraformOutput(this, 'state_bucket', { value: this.store.bucket.bucket, description: 'S3 bucket holding every stack\'s state' });
    new TerraformOutput(this, 'lock_table', { value: this.store.lockTable.name, description: 'DynamoDB table holding state locks' });
    new TerraformOutput(this, 'state_key_arn', { value: this.store.keyArn, description: 'KMS key encrypting state' });
    new TerraformOutput(this, 'state_key_alias', { value: this.store.alias.name, description: 'Alias of the state key' });
  }
}
