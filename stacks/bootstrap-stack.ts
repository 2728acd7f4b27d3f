import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { kmsAliasName, reportOptOut } from '@rampart/core';
import { RampartPolicy } from '@rampart/policy';
import { BootstrapConfig, PlatformTags } from '../config/types';
import { TerraformStateStore } from './state-store';

/** Why, by whom and until when the state bucket goes without its TLS-only policy. */
export interface StateBucketTlsOptOut {
  /** Why (at least 10 characters); reported with opt-out `backend.state-bucket-tls-only`. */
  readonly reason: string;
  /** Who answers for it; the owner of the policy suppression of `s3-tls-only`. */
  readonly owner: string;
  /** Last day (`YYYY-MM-DD`, UTC) the suppression of `s3-tls-only` holds. */
  readonly expires: string;
}

export interface BootstrapStackProps extends Pick<RampartStackProps, 'providerOverrides' | 'suppressions'> {
  readonly prefix: string;
  readonly bootstrap: BootstrapConfig;
  readonly platform: PlatformTags;
  /** Whether the state this stack holds is production state (the pack's production rules run). @default false */
  readonly production?: boolean;
  /**
   * Leave out the state bucket's TLS-only policy, for a target whose S3 cannot evaluate it. An
   * opt-out: reported as `backend.state-bucket-tls-only`, and the policy pack's `s3-tls-only`
   * finding on the bucket is suppressed with this reason, owner and expiry.
   * @default - the bucket gets the TLS-only policy
   */
  readonly stateBucketTlsOptOut?: StateBucketTlsOptOut;
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
      target: props.bootstrap,
      tags: { environment: 'bootstrap', ...props.platform, dataClassification: 'confidential' },
      production: props.production,
      // It creates the state bucket, so it starts on local state until migrated into it.
      stateBootstrap: !props.bootstrap.remoteState,
      providerOverrides: props.providerOverrides,
      suppressions: props.suppressions,
    });
    const tlsOptOut = props.stateBucketTlsOptOut;
    this.stateBucketName = stateBucketNameFor(props.prefix, props.bootstrap);
    this.lockTableName = lockTableNameFor(props.prefix, props.bootstrap);
    this.store = new TerraformStateStore(this, 'state', {
      bucketName: this.stateBucketName,
      lockTableName: this.lockTableName,
      keyAlias: stateKeyAliasFor(props.prefix),
      accountId: this.context.accountId,
      region: this.context.region,
      noncurrentVersionExpirationDays: props.bootstrap.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
      ...(tlsOptOut ? { requireTls: false, tlsOnlyOptOutReason: tlsOptOut.reason } : {}),
    });
    if (!props.bootstrap.remoteState) {
      reportOptOut(this, {
        id: 'backend.bootstrap-local-state',
        message: 'the bootstrap stack keeps its own state in a local file until it is migrated into the bucket it creates (npm run migrate-bootstrap-state, then set bootstrap.remoteState: true)',
      });
    }
    if (tlsOptOut) {
      // The pack's TLS-only rule cannot hold without the policy: suppressed with the opt-out's reason.
      RampartPolicy.suppress(this.store.bucket, { ruleId: 's3-tls-only', reason: tlsOptOut.reason, owner: tlsOptOut.owner, expires: tlsOptOut.expires });
    }
    new TerraformOutput(this, 'state_bucket', { value: this.store.bucket.bucket, description: "S3 bucket holding every stack's state" });
    new TerraformOutput(this, 'lock_table', { value: this.store.lockTable.name, description: 'DynamoDB table holding state locks' });
    new TerraformOutput(this, 'state_key_arn', { value: this.store.keyArn, description: 'KMS key encrypting state' });
    new TerraformOutput(this, 'state_key_alias', { value: this.store.alias.name, description: 'Alias of the state key' });
  }
}
