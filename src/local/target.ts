import { UsageError } from '../../config/args';
import { Aspects, TerraformStack } from 'cdktf';
import { ProviderOverrides } from '@rampart/baseline';
import { todayUtc } from '@rampart/policy';
import { StateBucketTlsOptOut } from '../../stacks/bootstrap-stack';
import { S3StateSettings, s3StateSettings } from '../../stacks/state-backend';
import { Deployment, RampartConfig } from '../../config/types';
import { EmulatorGapsAspect } from './emulator-gaps';
import { emulatorBackendOverrides, emulatorProviderOverrides } from './emulator-provider';

/**
 * Why the emulator target has no TLS-only state bucket policy: moto applies the Deny statements
 * of a bucket policy to object reads and writes but does not evaluate their conditions, so the
 * `aws:SecureTransport` deny would refuse every state read and write (and the emulator is
 * reached over plain HTTP on loopback anyway).
 */
export const EMULATOR_TLS_OPT_OUT_REASON =
  'the local AWS emulator (moto) applies bucket-policy Deny statements without evaluating their conditions, so a TLS-only policy would refuse all state access';

/** Why the emulator target goes without the log-archive and security stacks and the detection baseline. */
export const EMULATOR_DETECTION_OPT_OUT_REASON =
  'the local AWS emulator (moto) cannot serve the detection baseline: EBS default KMS key (500), IMDS defaults, GuardDuty organisation configuration (404), delegated administrators, Security Hub control settings (500), Access Analyzer';

/** Everything the app sets differently for the local emulator target, in one place. */
export interface LocalTargetSettings {
  /** Provider settings that point every stack at the emulator (the stack's own assume_role and account stay). */
  readonly providerOverrides: ProviderOverrides;
  /** The state bucket goes without its TLS-only policy on the emulator (reported, suppressed for today). */
  readonly stateBucketTlsOptOut: StateBucketTlsOptOut;
  /** The emulator's StartLogging fails: the organisation trail is created stopped (reported). */
  readonly enableTrailLogging: false;
  /** The configured certificate does not exist in the emulator: the listener gets a stand-in (reported). */
  readonly standInWorkloadCertificate: true;
  /** The emulator has no backup selections or restore testing: backups go without them (reported). */
  readonly backupWithoutSelections: true;
  /**
   * The emulator cannot serve the detection baseline (EBS default KMS key, IMDS defaults,
   * GuardDuty and Security Hub organisation settings, delegated administrators, Access Analyzer):
   * no log-archive and security stacks and no account detection on this target (reported).
   */
  readonly withoutAccountDetection: { readonly reason: string };
  /** State lives in the emulator's S3 and DynamoDB of the state account, reached through the state role. */
  readonly s3State: S3StateSettings;
}

/**
 * The local target's settings for a config and an emulator URL. Every stack keeps its configured
 * account and its provider's `assume_role` chain: the emulator's STS answers `AssumeRole` into a
 * role ARN with credentials for that role's account, so each stack lands in its own emulated
 * account, and the backend reaches the state account through the state role as on AWS.
 */
export function localTargetSettings(config: RampartConfig, endpoint: string): LocalTargetSettings {
  return {
    providerOverrides: emulatorProviderOverrides(endpoint),
    stateBucketTlsOptOut: { reason: EMULATOR_TLS_OPT_OUT_REASON, owner: 'rampart local emulator target', expires: todayUtc() },
    enableTrailLogging: false,
    standInWorkloadCertificate: true,
    backupWithoutSelections: true,
    withoutAccountDetection: { reason: EMULATOR_DETECTION_OPT_OUT_REASON },
    s3State: { ...s3StateSettings(config), overrides: emulatorBackendOverrides(endpoint) },
  };
}

/** Adds what the emulator cannot read back as ignored changes, with a warning per resource. */
export function addEmulatorGaps(stack: TerraformStack): void {
  Aspects.of(stack).add(new EmulatorGapsAspect());
}

/**
 * The deployment target chosen by the environment, for the app entry (and so for `cdktf synth`,
 * `cdktf deploy`, `cdktf diff`): `RAMPART_TARGET=local` with `RAMPART_EMULATOR_ENDPOINT=<url>`
 * builds every stack for the local emulator; unset or `aws` builds for AWS.
 */
export function deploymentFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Deployment {
  const target = env.RAMPART_TARGET ?? 'aws';
  if (target === 'aws') return { kind: 'aws' };
  if (target !== 'local') throw new UsageError(`RAMPART_TARGET=${JSON.stringify(target).slice(0, 40)}: must be "aws" or "local"`);
  const endpoint = env.RAMPART_EMULATOR_ENDPOINT;
  if (!endpoint || !/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(endpoint)) {
    throw new UsageError(
      `RAMPART_EMULATOR_ENDPOINT=${JSON.stringify(endpoint ?? '').slice(0, 60)}: RAMPART_TARGET=local needs http://127.0.0.1:<port> or http://localhost:<port> (the emulator on loopback)`,
    );
  }
  return { kind: 'local', endpoint };
}
