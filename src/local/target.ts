import { Aspects, TerraformStack } from 'cdktf';
import { ProviderOverrides } from '@rampart/baseline';
import { AccountTarget } from '@rampart/core';
import { todayUtc } from '@rampart/policy';
import { StateBucketTlsOptOut } from '../../stacks/bootstrap-stack';
import { S3StateSettings, s3StateSettings } from '../../stacks/state-backend';
import { RampartConfig } from '../config/types';
import { EmulatorGapsAspect } from './emulator-gaps';
import { EMULATOR_ACCOUNT_ID, EMULATOR_CREDENTIALS, emulatorProviderSettings } from './emulator-provider';

/**
 * Why the emulator target has no TLS-only state bucket policy: moto applies the Deny statements
 * of a bucket policy to object reads and writes but does not evaluate their conditions, so the
 * `aws:SecureTransport` deny would refuse every state read and write (and the emulator is
 * reached over plain HTTP on loopback anyway).
 */
export const EMULATOR_TLS_OPT_OUT_REASON =
  'the local AWS emulator (moto) applies bucket-policy Deny statements without evaluating their conditions, so a TLS-only policy would refuse all state access';

/** A target moved onto the emulator's single account (EMULATOR_ACCOUNT_ID), deploy role included. */
export function emulatorTarget<T extends AccountTarget>(target: T): T {
  const deployRoleArn = target.deployRoleArn.replace(/^(arn:[^:]+:iam::)\d{12}(:)/, `$1${EMULATOR_ACCOUNT_ID}$2`);
  return { ...target, accountId: EMULATOR_ACCOUNT_ID, deployRoleArn };
}

/** Everything the app sets differently for the local emulator target, in one place. */
export interface LocalTargetSettings {
  /** Provider settings that point every stack at the emulator. */
  readonly providerOverrides: ProviderOverrides;
  /** The state bucket goes without its TLS-only policy on the emulator (reported, suppressed for today). */
  readonly stateBucketTlsOptOut: StateBucketTlsOptOut;
  /** The emulator's StartLogging fails: the organisation trail is created stopped (reported). */
  readonly enableTrailLogging: false;
  /** The configured certificate does not exist in the emulator: the listener gets a stand-in (reported). */
  readonly standInWorkloadCertificate: true;
  /** The emulator has no backup selections or restore testing: backups go without them (reported). */
  readonly backupWithoutSelections: true;
  /** State lives in the emulator's S3 and DynamoDB, with test credentials. */
  readonly s3State: S3StateSettings;
}

/** The local target's settings for a config and an emulator URL. */
export function localTargetSettings(config: RampartConfig, endpoint: string): LocalTargetSettings {
  const s3 = s3StateSettings({ ...config, bootstrap: emulatorTarget(config.bootstrap) });
  return {
    providerOverrides: emulatorProviderSettings(endpoint),
    stateBucketTlsOptOut: { reason: EMULATOR_TLS_OPT_OUT_REASON, owner: 'rampart local emulator target', expires: todayUtc() },
    enableTrailLogging: false,
    standInWorkloadCertificate: true,
    backupWithoutSelections: true,
    s3State: {
      ...s3,
      roleArn: undefined,
      overrides: {
        ...EMULATOR_CREDENTIALS,
        endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, iam: endpoint },
        usePathStyle: true,
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
        maxRetries: 2,
      },
    },
  };
}

/** Adds what the emulator cannot read back as ignored changes, with a warning per resource. */
export function addEmulatorGaps(stack: TerraformStack): void {
  Aspects.of(stack).add(new EmulatorGapsAspect());
}
