import { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { AccountTarget, MandatoryTags, RampartValidationError, ValidationIssue, renderMandatoryTags } from '@rampart/core';

/**
 * Provider settings the baseline always sets itself and no override may replace: the region and
 * account guard (`region`, `allowed_account_ids`, `forbidden_account_ids`), how the provider
 * reaches the account (`assume_role`, `assume_role_with_web_identity`), the mandatory tags
 * (`default_tags`) and the provider's identity (`alias`).
 */
export const GUARDED_PROVIDER_SETTINGS = ['region', 'alias', 'assumeRole', 'assumeRoleWithWebIdentity', 'allowedAccountIds', 'forbiddenAccountIds', 'defaultTags'] as const;

/** One of {@link GUARDED_PROVIDER_SETTINGS}. */
export type GuardedProviderSetting = (typeof GUARDED_PROVIDER_SETTINGS)[number];

/**
 * Extra AWS provider settings for a target that is not plain AWS, for example an emulator:
 * `endpoints`, credentials, skip flags, `maxRetries`. They are added to the guarded settings,
 * never instead of them.
 */
export type ProviderOverrides = Omit<AwsProviderConfig, GuardedProviderSetting>;

/** Raised when provider overrides try to replace or switch off a guarded setting. */
export class ProviderGuardError extends RampartValidationError {
  constructor(issue: ValidationIssue) {
    super(issue);
    this.name = 'ProviderGuardError';
  }
}

/** What {@link guardedProviderConfig} builds the provider from. */
export interface GuardedProviderProps {
  /** The account, region and deploy role. */
  readonly target: AccountTarget;
  /** The mandatory tags, set as `default_tags`. */
  readonly tags: MandatoryTags;
  /** Session name used when assuming the deploy role. */
  readonly sessionName: string;
  /** Extra settings. @default - none */
  readonly overrides?: ProviderOverrides;
}

/**
 * The AWS provider settings of a baseline stack: it assumes the target's deploy role, refuses
 * every other account (`allowed_account_ids`) and applies the mandatory tags as `default_tags`.
 * Overrides may add settings; one that names a guarded setting, or that sets
 * `skipRequestingAccountId` (without the account id the account guard cannot work), throws a
 * {@link ProviderGuardError}.
 */
export function guardedProviderConfig(props: GuardedProviderProps): AwsProviderConfig {
  const overrides = (props.overrides ?? {}) as Record<string, unknown>;
  for (const key of GUARDED_PROVIDER_SETTINGS) {
    if (overrides[key] !== undefined) {
      throw new ProviderGuardError({
        code: 'PROVIDER_GUARD',
        path: `providerOverrides.${key}`,
        value: overrides[key],
        rule: `${key} is always set by the stack baseline (assume_role, allowed_account_ids, default_tags and region come from the target and tags) and cannot be overridden`,
      });
    }
  }
  if (overrides.skipRequestingAccountId === true) {
    throw new ProviderGuardError({
      code: 'PROVIDER_GUARD',
      path: 'providerOverrides.skipRequestingAccountId',
      value: true,
      rule: 'must not be true: without the account id the provider cannot enforce allowed_account_ids',
    });
  }
  return {
    ...(props.overrides ?? {}),
    region: props.target.region,
    defaultTags: [{ tags: renderMandatoryTags(props.tags) }],
    allowedAccountIds: [props.target.accountId],
    assumeRole: [{ roleArn: props.target.deployRoleArn, sessionName: props.sessionName }],
  };
}
