import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { assertAllValid, reportOptOut, validateOneOf, validateRegion } from '@rampart/core';

/** Security Hub standards Rampart subscribes to. */
export type SecurityHubStandard = 'fsbp' | 'cis';
export const SECURITY_HUB_STANDARDS: readonly SecurityHubStandard[] = ['fsbp', 'cis'];

/** The ARN path of each standard: AWS Foundational Security Best Practices v1.0.0 and CIS AWS Foundations Benchmark v3.0.0. */
export const SECURITY_HUB_STANDARD_PATHS: Readonly<Record<SecurityHubStandard, string>> = {
  fsbp: 'standards/aws-foundational-security-best-practices/v/1.0.0',
  cis: 'standards/cis-aws-foundations-benchmark/v/3.0.0',
};

/** Properties of {@link SecurityHubOrganization}. */
export interface SecurityHubOrganizationProps {
  /**
   * Other regions whose findings are aggregated into this one (the organisation's allowed regions
   * besides the home region). With none, no aggregator is created: there is nothing to aggregate.
   * @default []
   */
  readonly linkedRegions?: readonly string[];
  /**
   * Opt-out: standards not subscribed, each reported as `detection.security-hub.<standard>-off`.
   * @default []
   */
  readonly omitStandards?: readonly SecurityHubStandard[];
  /**
   * Enable Security Hub in new member accounts automatically. Opt-out: false, reported as
   * `detection.security-hub.no-auto-enable`.
   * @default true
   */
  readonly autoEnableMembers?: boolean;
  /** Resources to wait for (the delegated-administrator registration when in the same stack). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Security Hub for the whole organisation, deployed in its delegated administrator: Security
 * Hub on (consolidated control findings, no default standards), the organisation configuration
 * that enables it and the default standards in new members, subscriptions to the AWS Foundational
 * Security Best Practices and CIS AWS Foundations standards, and a finding aggregator over the
 * linked regions.
 */
export class SecurityHubOrganization extends Construct {
  public readonly account: SecurityhubAccount;
  public readonly organizationConfiguration: SecurityhubOrganizationConfiguration;
  /** Subscriptions by standard. */
  public readonly standards: Readonly<Partial<Record<SecurityHubStandard, SecurityhubStandardsSubscription>>>;
  /** The finding aggregator, when there are linked regions. */
  public readonly findingAggregator?: SecurityhubFindingAggregator;

  constructor(scope: Construct, id: string, props: SecurityHubOrganizationProps = {}) {
    super(scope, id);
    const linked = props.linkedRegions ?? [];
    const omit = props.omitStandards ?? [];
    const autoEnable = props.autoEnableMembers ?? true;
    assertAllValid([...linked.map((r, i) => validateRegion(`linkedRegions[${i}]`, r)), ...omit.map((s, i) => validateOneOf(`omitStandards[${i}]`, s, SECURITY_HUB_STANDARDS))]);
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');

    this.account = new SecurityhubAccount(this, 'account', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
      dependsOn: props.dependsOn,
    });
    this.organizationConfiguration = new SecurityhubOrganizationConfiguration(this, 'organization', {
      autoEnable,
      autoEnableStandards: autoEnable ? 'DEFAULT' : 'NONE',
      dependsOn: [this.account],
    });
    if (!autoEnable) reportOptOut(this, { id: 'detection.security-hub.no-auto-enable', message: 'Security Hub is not enabled automatically in new member accounts' });

    const standards: Partial<Record<SecurityHubStandard, SecurityhubStandardsSubscription>> = {};
    for (const s of SECURITY_HUB_STANDARDS) {
      if (omit.includes(s)) {
        reportOptOut(this, { id: `detection.security-hub.${s}-off`, message: `the Security Hub standard ${SECURITY_HUB_STANDARD_PATHS[s]} is not subscribed` });
        continue;
      }
      standards[s] = new SecurityhubStandardsSubscription(this, `standard-${s}`, {
        standardsArn: `arn:${partition.partition}:securityhub:${region.name}::${SECURITY_HUB_STANDARD_PATHS[s]}`,
        dependsOn: [this.account],
      });
    }
    this.standards = standards;
    if (linked.length > 0) {
      this.findingAggregator = new SecurityhubFindingAggregator(this, 'aggregator', {
        linkingMode: 'SPECIFIED_REGIONS',
        specifiedRegions: [...linked],
        dependsOn: [this.account],
      });
    }
  }
}
