import { Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { MandatoryTags, MandatoryTagsAspect, NameParts, renderMandatoryTags } from '@rampart/core';
import { PermissionBoundaryPolicy, applyIdentityBaseline } from '@rampart/identity';
import { DataClassBindingAspect } from '@rampart/encryption';
import { AccountTarget, Deployment } from '../src/config/types';
import { EmulatorGapsAspect } from './emulator-gaps';
import { emulatorProviderOverrides } from '../src/local/provider-overrides';

/** Properties shared by every Rampart stack. */
export interface RampartStackProps {
  /** Company prefix. */
  readonly prefix: string;
  /** The account and region the stack deploys into, and the role used to reach it. */
  readonly target: AccountTarget;
  /** Mandatory tags, applied through the provider's default_tags. */
  readonly tags: MandatoryTags;
  /** Where the stack will run. @default { kind: 'aws' } */
  readonly deployment?: Deployment;
  /** Regions the account may use (the permission boundary denies the rest). @default [target.region] */
  readonly allowedRegions?: readonly string[];
  /**
   * Roles of the account that run without the permission boundary besides the deploy role (which
   * is always included): the key-administrator role, the break-glass role pattern. Capped roles
   * may not change, delete, tag or pass any of them.
   * @default []
   */
  readonly unboundedRoleArns?: readonly string[];
}

/**
 * Base of every stack: one AWS provider that assumes the deploy role, refuses any other
 * account (allowed_account_ids) and applies the mandatory tags as default_tags; plus the
 * aspect that fails synth when a taggable resource ends up without them, and the identity
 * baseline (permission boundary on every role, no IAM users).
 *
 * With the `local` deployment the provider talks to the AWS emulator: it takes the emulator
 * overrides (endpoints, test credentials, skip flags; src/local/provider-overrides.ts) and keeps
 * its own assume_role and allowed_account_ids, so the stack lands in its own emulated account.
 */
export class RampartStack extends TerraformStack {
  public readonly provider: AwsProvider;
  public readonly names: NameParts;
  public readonly target: AccountTarget;
  public readonly deployment: Deployment;
  /** The account the stack's resources live in: the configured account (on the emulator too). */
  public readonly accountId: string;
  /** The account's permission boundary; an aspect puts it on every IAM role in the stack. */
  public readonly permissionBoundary: PermissionBoundaryPolicy;

  constructor(scope: Construct, id: string, props: RampartStackProps) {
    super(scope, id);
    this.target = props.target;
    this.deployment = props.deployment ?? { kind: 'aws' };
    this.accountId = props.target.accountId;
    this.names = { prefix: props.prefix, environment: props.tags.environment };
    const deployment = this.deployment;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.target.region,
      defaultTags: [{ tags: renderMandatoryTags(props.tags) }],
      ...(deployment.kind === 'local' ? emulatorProviderOverrides(deployment.endpoint) : {}),
      allowedAccountIds: [this.accountId],
      assumeRole: [{ roleArn: props.target.deployRoleArn, sessionName: `rampart-${id}` }],
    });
    Aspects.of(this).add(new MandatoryTagsAspect());
    // Permission boundary on every aws_iam_role in the stack; IAM users and keys fail synth.
    // Capped roles may not take over the roles that run without it (deploy, key admin, break-glass).
    const unbounded = [...new Set([props.target.deployRoleArn, ...(props.unboundedRoleArns ?? [])])];
    this.permissionBoundary = applyIdentityBaseline(this, { names: this.names, allowedRegions: props.allowedRegions ?? [props.target.region], unboundedRoleArns: unbounded });
    Aspects.of(this).add(new DataClassBindingAspect());
    // Known emulator gaps: ignore what the emulator cannot read back, with a warning per resource.
    if (deployment.kind === 'local') Aspects.of(this).add(new EmulatorGapsAspect());
  }
}
