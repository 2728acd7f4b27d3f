import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { AccountTarget, MandatoryTags, NameParts, StackContext, resolveStackContext } from '@rampart/core';
import { PermissionBoundaryPolicy, applyIdentityBaseline } from '@rampart/identity';
import { AddressedSuppression, RampartPolicy } from '@rampart/policy';
import { ProviderOverrides, guardedProviderConfig } from './provider-guard';

/** Properties of a {@link RampartStack}. */
export interface RampartStackProps {
  /** Company prefix; the first part of every resource name. */
  readonly prefix: string;
  /** The account and region the stack deploys into, the role used to reach it, and its allowed regions. */
  readonly target: AccountTarget;
  /** Mandatory tags, applied through the provider's `default_tags`; `environment` is also the second part of every name. */
  readonly tags: MandatoryTags;
  /**
   * Whether the stack holds production resources: the policy pack's production rules run on it.
   * @default false
   */
  readonly production?: boolean;
  /**
   * Roles of the account that run without the permission boundary besides the deploy role (which
   * is always included): the key-administrator role, the break-glass role pattern. Capped roles
   * may not change, delete, tag or pass any of them.
   * @default []
   */
  readonly unboundedRoleArns?: readonly string[];
  /**
   * IAM service prefixes capped roles may use; the permission boundary allows `<prefix>:*` for each
   * and nothing else.
   * @default the identity module's DEFAULT_BOUNDARY_SERVICES
   */
  readonly allowedServices?: readonly string[];
  /**
   * Policy suppressions by resource address (reason, owner, expiry). Prefer
   * `RampartPolicy.suppress(resource, ...)` on the resource itself.
   * @default - none
   */
  readonly suppressions?: readonly AddressedSuppression[];
  /**
   * Extra provider settings for a target that is not plain AWS (an emulator: endpoints, test
   * credentials, skip flags, retries). Setting `assumeRole`, `allowedAccountIds`, `defaultTags`,
   * `region` (or another guarded setting) throws a `ProviderGuardError`.
   * @default - none
   */
  readonly providerOverrides?: ProviderOverrides;
  /**
   * This stack creates the remote state store and keeps its own state locally until it is
   * migrated into that store; the policy pack's remote-state rule accepts local state for it.
   * @default false
   */
  readonly stateBootstrap?: boolean;
}

/**
 * The base of every Rampart stack. With nothing else to call it gives:
 * - the provider guard: one AWS provider that assumes `target.deployRoleArn`, refuses every
 *   account but `target.accountId` (`allowed_account_ids`) and applies the mandatory tags as
 *   `default_tags`;
 * - the stack context (account, region, partition), resolved once from the target;
 * - the account's permission boundary, put on every `aws_iam_role` in the stack by an aspect
 *   (aspects only apply; they do not judge);
 * - the checks, all rules of the `rampart-baseline` policy pack run at synth (its report beside
 *   the stack's cdk.tf.json): mandatory tags (`tags-mandatory`), the stack's boundary on every
 *   role (`iam-role-permissions-boundary`), no IAM users or access keys (`iam-no-users`,
 *   `iam-no-access-keys`), data-class binding (`encryption-data-class-binding`) and the rest.
 *
 * Opt-outs (`exemptFromPermissionBoundary`, the named opt-out props of the modules) are reported
 * at synth and listed in the policy report; an exempted role's boundary finding is listed there
 * as waived.
 */
export class RampartStack extends TerraformStack {
  /** The AWS provider of the stack, with the guard settings. */
  public readonly provider: AwsProvider;
  /** Account, region and partition of the stack. */
  public readonly context: StackContext;
  /** The target the stack was built for. */
  public readonly target: AccountTarget;
  /** Name parts: the prefix and the `environment` tag. */
  public readonly names: NameParts;
  /** The account's permission boundary; an aspect puts it on every IAM role in the stack. */
  public readonly permissionBoundary: PermissionBoundaryPolicy;
  /** Whether the policy pack's production rules run on this stack. */
  public readonly production: boolean;

  constructor(scope: Construct, id: string, props: RampartStackProps) {
    super(scope, id);
    this.target = props.target;
    this.context = resolveStackContext(props.target);
    this.production = props.production ?? false;
    this.names = { prefix: props.prefix, environment: props.tags.environment };
    this.provider = new AwsProvider(this, 'aws', guardedProviderConfig({ target: props.target, tags: props.tags, sessionName: `rampart-${id}`, overrides: props.providerOverrides }));
    // Applies the permission boundary to every aws_iam_role that has none. Capped roles may not
    // take over the roles that run without it.
    const unbounded = [...new Set([props.target.deployRoleArn, ...(props.unboundedRoleArns ?? [])])];
    this.permissionBoundary = applyIdentityBaseline(this, {
      names: this.names,
      allowedRegions: props.target.allowedRegions ?? [props.target.region],
      unboundedRoleArns: unbounded,
      allowedServices: props.allowedServices,
    });
    // Every judging check: the policy pack, run on the stack's resolved JSON at synth, after every aspect.
    RampartPolicy.apply(this, { production: this.production, stateBootstrap: () => props.stateBootstrap ?? false, suppressions: props.suppressions });
  }
}
