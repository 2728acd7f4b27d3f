import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NameParts, assertAllValid, resourceName, validateRegion, renderPolicy, serviceTrustPolicy } from '@rampart/core';

/** Properties of {@link OrganizationConfigAggregator}. */
export interface OrganizationConfigAggregatorProps {
  /** Prefix and environment; the aggregator is `<prefix>-<env>-organization`. */
  readonly names: NameParts;
  /** Regions to aggregate (the organisation's allowed regions). At least one. */
  readonly regions: readonly string[];
  /** Resources to wait for, e.g. the delegated-administrator registration. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An AWS Config aggregator over every account of the organisation in the allowed regions, for the
 * management account or the Config delegated administrator. It reads the organisation through a
 * role with AWS's `AWSConfigRoleForOrganizations` policy.
 */
export class OrganizationConfigAggregator extends Construct {
  public readonly aggregator: ConfigConfigurationAggregator;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: OrganizationConfigAggregatorProps) {
    super(scope, id);
    const regions = props.regions ?? [];
    assertAllValid([
      regions.length === 0 ? { code: 'REQUIRED', path: 'regions', value: regions, rule: 'must list at least one region' } : undefined,
      ...regions.map((r, i) => validateRegion(`regions[${i}]`, r)),
    ]);
    const partition = new DataAwsPartition(this, 'partition');
    this.role = new IamRole(this, 'role', {
      name: resourceName(props.names, 'config-aggregator'),
      description: 'AWS Config reads the organisation for the organisation aggregator',
      assumeRolePolicy: renderPolicy(serviceTrustPolicy('config.amazonaws.com')),
    });
    const attachment = new IamRolePolicyAttachment(this, 'role-policy', {
      role: this.role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`,
    });
    this.aggregator = new ConfigConfigurationAggregator(this, 'aggregator', {
      name: resourceName(props.names, 'organization'),
      organizationAggregationSource: { roleArn: this.role.arn, regions: [...regions] },
      dependsOn: [attachment, ...(props.dependsOn ?? [])],
    });
  }
}
