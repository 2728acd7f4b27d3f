import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { NameParts } from '@rampart/core';
import { applyIdentityBaseline } from '@rampart/identity';
import { AppSecurityGroups, FlowLogs, NetworkCostEstimate, TierNacls, TieredVpc, VpcEndpoints, estimateNetworkMonthlyCost } from '@rampart/network';

/** Settings of the example network. */
export interface NetworkExampleProps {
  /** @default 'eu-central-1' */
  readonly region?: string;
  /** @default '10.20.0.0/16' */
  readonly cidr?: string;
}

/**
 * One VPC built from the separate network pieces: tiers with a single NAT gateway, two
 * interface endpoints, tier NACLs, encrypted flow logs and the app-first security groups.
 */
export class NetworkExampleStack extends TerraformStack {
  public readonly vpc: TieredVpc;
  public readonly securityGroups: AppSecurityGroups;
  public readonly costEstimate: NetworkCostEstimate;

  constructor(scope: Construct, id: string, props: NetworkExampleProps = {}) {
    super(scope, id);
    const region = props.region ?? 'eu-central-1';
    const names: NameParts = { prefix: 'example', environment: 'sandbox' };
    new AwsProvider(this, 'aws', {
      region,
      defaultTags: [{ tags: { Environment: 'sandbox', Owner: 'example-team', CostCenter: 'examples', Compliance: 'none', DataClassification: 'internal' } }],
    });

    // Every role (here the flow-log delivery role) gets the permission boundary; the policy pack requires it.
    applyIdentityBaseline(this, { names, allowedRegions: [region] });

    this.vpc = new TieredVpc(this, 'vpc', { names, cidr: props.cidr ?? '10.20.0.0/16', azCount: 2, natMode: 'single' });
    // The endpoints come first: the security groups reach the S3 and DynamoDB gateway endpoints
    // through their prefix lists, and the NACLs open only for the tiers the endpoints serve.
    const endpoints = new VpcEndpoints(this, 'endpoints', { network: this.vpc, names, region, interfaceEndpoints: ['kms', 'logs'] });
    this.securityGroups = new AppSecurityGroups(this, 'security-groups', {
      network: this.vpc,
      names,
      albIngressCidrs: ['0.0.0.0/0'],
      appPort: 3000,
      dbPort: 5432,
      managementCidrs: ['192.168.100.0/24'],
      // HTTPS beyond the VPC to one partner range only (through the NAT gateway)
      appHttpsEgressCidrs: ['203.0.113.0/24'],
      gatewayPrefixListIds: endpoints.gatewayPrefixListIds,
    });
    new TierNacls(this, 'nacls', { network: this.vpc, names, dataPorts: [5432], vpnCidrs: ['192.168.100.0/24'], gatewayEndpointTiers: endpoints.gatewayRouteTiers });
    new FlowLogs(this, 'flow-logs', { vpcId: this.vpc.vpcId, names });

    this.costEstimate = estimateNetworkMonthlyCost({
      region,
      azCount: this.vpc.azCount,
      natGateways: this.vpc.natGateways.length,
      interfaceEndpoints: endpoints.interfaceServices.length,
    });

    new TerraformOutput(this, 'vpc_id', { value: this.vpc.vpcId });
    new TerraformOutput(this, 'app_subnet_ids', { value: this.vpc.subnetIds('app') });
    new TerraformOutput(this, 'app_security_group_id', { value: this.securityGroups.appSecurityGroupId });
  }
}
