import { Construct } from 'constructs';
import { IKmsKey, RampartValidationError } from '@rampart/core';
import { AppSecurityGroups } from './app-security-groups';
import { NetworkCostEstimate, estimateNetworkMonthlyCost } from './cost';
import { FlowLogs } from './flow-logs';
import { TierNacls } from './tier-nacls';
import { TieredVpc, TieredVpcProps } from './tiered-vpc';
import { GatewayEndpointService, VpcEndpoints } from './vpc-endpoints';

/**
 * Properties of {@link NetworkBaseline}: the props of its parts, in one place. The VPC's own
 * props (names, CIDR, AZs, tiers, layout, NAT) are those of {@link TieredVpcProps}.
 */
export interface NetworkBaselineProps extends TieredVpcProps {
  /** Region the network is in (endpoint service names and the cost estimate). */
  readonly region: string;
  /** @default ['s3', 'dynamodb'] */
  readonly gatewayEndpoints?: readonly GatewayEndpointService[];
  /** @default - kms, secretsmanager, ssm, ssmmessages, ec2messages, logs, sts, ecr.api, ecr.dkr */
  readonly interfaceEndpoints?: readonly string[];
  /** @default - none */
  readonly endpointPolicies?: Readonly<Record<string, string>>;
  /** @default ['0.0.0.0/0'] */
  readonly albIngressCidrs?: readonly string[];
  /** Opt-out: port 80 on the alb and the public NACL for an HTTP redirect. @default false */
  readonly allowHttpRedirect?: boolean;
  /** @default 8080 */
  readonly appPort?: number;
  /** @default 5432 */
  readonly dbPort?: number;
  /** @default [22] */
  readonly managementPorts?: readonly number[];
  /** VPN or bastion CIDRs for the management tier. @default [] */
  readonly vpnCidrs?: readonly string[];
  /** HTTPS destinations outside the VPC for the app tier (wide blocks are opt-out `network.app-wide-egress`). @default [] */
  readonly appHttpsEgressCidrs?: readonly string[];
  /** HTTPS destinations outside the VPC for the management tier; needs `managementNat`. @default [] */
  readonly managementHttpsEgressCidrs?: readonly string[];
  /** Deny list for every tier's NACL. @default [] */
  readonly denyCidrs?: readonly string[];
  /** @default - a key created by FlowLogs */
  readonly flowLogKey?: IKmsKey;
  /** @default 90 */
  readonly flowLogRetentionInDays?: number;
}

/**
 * The whole secure network of one environment, composed of the separate pieces: TieredVpc,
 * VpcEndpoints, TierNacls, FlowLogs and AppSecurityGroups. Each piece stays reachable as a
 * property; use the pieces directly for other shapes.
 */
export class NetworkBaseline extends Construct {
  public readonly vpc: TieredVpc;
  public readonly endpoints: VpcEndpoints;
  public readonly nacls: TierNacls;
  public readonly flowLogs: FlowLogs;
  public readonly securityGroups: AppSecurityGroups;
  /** Estimated monthly fixed cost (NAT gateways, interface endpoints × AZs, public IPs). */
  public readonly costEstimate: NetworkCostEstimate;

  constructor(scope: Construct, id: string, props: NetworkBaselineProps) {
    super(scope, id);
    const names = props.names;
    const managementHttpsEgressCidrs = props.managementHttpsEgressCidrs ?? [];
    if ((props.managementNat ?? false) && managementHttpsEgressCidrs.length === 0) {
      throw new RampartValidationError({
        code: 'NAT_UNUSED',
        path: 'NetworkBaselineProps.managementNat',
        value: true,
        rule: 'the management group reaches nothing beyond the VPC without managementHttpsEgressCidrs; list them or leave managementNat off',
      });
    }
    this.vpc = new TieredVpc(this, 'vpc', {
      names,
      cidr: props.cidr,
      azCount: props.azCount,
      availabilityZones: props.availabilityZones,
      tiers: props.tiers,
      layout: props.layout,
      natMode: props.natMode,
      managementNat: props.managementNat,
    });
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      network: this.vpc,
      names,
      region: props.region,
      gatewayEndpoints: props.gatewayEndpoints,
      interfaceEndpoints: props.interfaceEndpoints,
      policies: props.endpointPolicies,
    });
    this.securityGroups = new AppSecurityGroups(this, 'security-groups', {
      network: this.vpc,
      names,
      albIngressCidrs: props.albIngressCidrs,
      allowHttpRedirect: props.allowHttpRedirect,
      appPort: props.appPort,
      dbPort: props.dbPort,
      managementPorts: props.managementPorts,
      managementCidrs: props.vpnCidrs,
      appHttpsEgressCidrs: props.appHttpsEgressCidrs,
      managementHttpsEgressCidrs,
      gatewayPrefixListIds: this.endpoints.gatewayPrefixListIds,
    });
    this.nacls = new TierNacls(this, 'nacls', {
      network: this.vpc,
      names,
      albIngressCidrs: props.albIngressCidrs,
      allowHttpRedirect: props.allowHttpRedirect,
      dataPorts: [props.dbPort ?? 5432],
      managementPorts: props.managementPorts,
      vpnCidrs: props.vpnCidrs,
      denyCidrs: props.denyCidrs,
      gatewayEndpointTiers: this.endpoints.gatewayRouteTiers,
    });
    this.flowLogs = new FlowLogs(this, 'flow-logs', {
      vpcId: this.vpc.vpcId,
      names,
      key: props.flowLogKey,
      retentionInDays: props.flowLogRetentionInDays,
    });
    this.costEstimate = estimateNetworkMonthlyCost({
      region: props.region,
      azCount: this.vpc.azCount,
      natGateways: this.vpc.natGateways.length,
      interfaceEndpoints: this.endpoints.interfaceServices.length,
      publicIps: this.vpc.elasticIps.length,
    });
  }
}
