import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  NameParts,
  RampartValidationError,
  SubnetTier,
  resourceName,
  validateRegion,
  GatewayEndpointService,
  GATEWAY_ENDPOINT_SERVICES,
  DEFAULT_INTERFACE_ENDPOINTS,
  isEndpointServiceName,
} from '@rampart/core';
import { summarizeCidrs } from './subnet-plan';
import { ITieredVpc } from './tiered-vpc';
export { GATEWAY_ENDPOINT_SERVICES, DEFAULT_INTERFACE_ENDPOINTS, isEndpointServiceName } from '@rampart/core';
export type { GatewayEndpointService } from '@rampart/core';

/**
 * Tiers whose subnets use the endpoints: the interface endpoints' security group admits 443 from
 * them, and their NACLs and security groups let traffic reach the gateway endpoints. The data tier
 * is left out: it holds managed data stores that answer the app tier and call no AWS API from
 * their network interfaces, so nothing admits its traffic to any endpoint (least privilege), even
 * though its route table carries the gateway endpoints' prefix-list routes like every private tier.
 */
export const ENDPOINT_CLIENT_TIERS: readonly SubnetTier[] = ['app', 'management'];

/** The private tiers: each one's route tables carry the S3 and DynamoDB gateway endpoints. */
export const PRIVATE_TIERS: readonly SubnetTier[] = ['app', 'data', 'management'];

/** Properties of {@link VpcEndpoints}. */
export interface VpcEndpointsProps {
  /** The tiered VPC. */
  readonly network: ITieredVpc;
  /** Prefix and environment for names. */
  readonly names: NameParts;
  /**
   * Gateway endpoints, attached to the route table of every private tier (app, data and
   * management). Only the endpoint client tiers (app and management; see
   * {@link ENDPOINT_CLIENT_TIERS}) get NACL and security-group rules that let traffic use them.
   * @default ['s3', 'dynamodb']
   */
  readonly gatewayEndpoints?: readonly GatewayEndpointService[];
  /**
   * Interface endpoints (service short names such as `kms` or `ecr.api`), placed in the app tier
   * with private DNS. Each one costs an hourly fee per AZ.
   * @default ['kms', 'secretsmanager', 'ssm', 'ssmmessages', 'ec2messages', 'logs', 'sts', 'ecr.api', 'ecr.dkr']
   */
  readonly interfaceEndpoints?: readonly string[];
  /**
   * Endpoint policies (JSON policy documents, each a JSON object) by service short name. A service
   * without one gets the AWS default policy (full access through the endpoint).
   * @default - none
   */
  readonly policies?: Readonly<Record<string, string>>;
  /**
   * Region of the service names (`com.amazonaws.<region>.<service>`).
   * @default - the provider's region (`data.aws_region`)
   */
  readonly region?: string;
}

/**
 * VPC endpoints instead of public routes: S3 and DynamoDB gateway endpoints on the app and
 * management route tables, and interface endpoints in the app tier with private DNS behind a
 * security group that admits 443 from the app and management tiers only.
 */
export class VpcEndpoints extends Construct {
  public readonly gatewayEndpoints: Readonly<Record<string, VpcEndpoint>>;
  public readonly interfaceEndpoints: Readonly<Record<string, VpcEndpoint>>;
  /** The endpoints' security group; absent when there are no interface endpoints. */
  public readonly securityGroup?: SecurityGroup;
  /** Interface endpoint service names, in order. */
  public readonly interfaceServices: readonly string[];
  /**
   * The managed prefix list id of each gateway endpoint, by service (`s3`, `dynamodb`). Security
   * groups reach a gateway endpoint through these lists (`AppSecurityGroupsProps.gatewayPrefixListIds`).
   */
  public readonly gatewayPrefixListIds: Readonly<Record<string, string>>;
  /**
   * Tiers whose traffic may use the gateway endpoints (their NACLs open 443 out); empty when there
   * are none. The data tier's route table carries the endpoints' routes too, but nothing there admits the traffic.
   */
  public readonly gatewayRouteTiers: readonly SubnetTier[];

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const gateways = props.gatewayEndpoints ?? GATEWAY_ENDPOINT_SERVICES;
    const services = props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
    const policies = props.policies ?? {};
    const P = 'VpcEndpointsProps';
    gateways.forEach((g, i) => {
      if (!GATEWAY_ENDPOINT_SERVICES.includes(g))
        throw new RampartValidationError({ code: 'ENUM', path: `${P}.gatewayEndpoints[${i}]`, value: g, rule: `must be one of ${GATEWAY_ENDPOINT_SERVICES.join(', ')}` });
      if (gateways.indexOf(g) !== i) throw new RampartValidationError({ code: 'DUPLICATE', path: `${P}.gatewayEndpoints[${i}]`, value: g, rule: 'each service may be listed once' });
    });
    services.forEach((s, i) => {
      if (!isEndpointServiceName(s))
        throw new RampartValidationError({ code: 'ENDPOINT_SERVICE', path: `${P}.interfaceEndpoints[${i}]`, value: s, rule: 'must be a service short name such as kms or ecr.api' });
      if (services.indexOf(s) !== i) throw new RampartValidationError({ code: 'DUPLICATE', path: `${P}.interfaceEndpoints[${i}]`, value: s, rule: 'each service may be listed once' });
      if ((GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(s) && gateways.includes(s as GatewayEndpointService)) {
        throw new RampartValidationError({ code: 'DUPLICATE', path: `${P}.interfaceEndpoints[${i}]`, value: s, rule: 'already has a gateway endpoint' });
      }
    });
    for (const [service, policy] of Object.entries(policies)) {
      const path = `${P}.policies.${service}`;
      if (!services.includes(service) && !gateways.includes(service as GatewayEndpointService)) {
        throw new RampartValidationError({ code: 'UNKNOWN_FIELD', path, value: service, rule: 'names no endpoint of this construct' });
      }
      if (!Token.isUnresolved(policy)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(policy);
        } catch {
          parsed = undefined;
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new RampartValidationError({ code: 'POLICY_JSON', path, value: policy, rule: 'must be a JSON policy document (a JSON object)' });
        }
      }
    }
    if (props.region !== undefined) {
      const issue = validateRegion(`${P}.region`, props.region);
      if (issue) throw new RampartValidationError(issue);
    }
    this.interfaceServices = [...services];

    const region = props.region ?? new DataAwsRegion(this, 'region').name;
    const base = resourceName(props.names, 'endpoint');
    const net = props.network;

    const gatewayEndpoints: Record<string, VpcEndpoint> = {};
    const prefixLists: Record<string, string> = {};
    for (const service of gateways) {
      gatewayEndpoints[service] = new VpcEndpoint(this, `gateway-${service}`, {
        vpcId: net.vpcId,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Gateway',
        // Every private route table carries the endpoint's prefix-list route (never a default route);
        // whether a tier may send traffic over it is up to its NACL and security groups.
        routeTableIds: PRIVATE_TIERS.flatMap((t) => net.routeTableIds(t)),
        policy: policies[service],
        tags: { Name: `${base}-${service}` },
      });
      prefixLists[service] = gatewayEndpoints[service].prefixListId;
    }
    this.gatewayEndpoints = gatewayEndpoints;
    this.gatewayPrefixListIds = prefixLists;
    this.gatewayRouteTiers = gateways.length > 0 ? ENDPOINT_CLIENT_TIERS.filter((t) => net.tiers.includes(t)) : [];

    const interfaceEndpoints: Record<string, VpcEndpoint> = {};
    if (services.length > 0) {
      const sg = new SecurityGroup(this, 'sg', {
        name: `${base}s`,
        description: 'Interface endpoints: HTTPS from the app and management tiers only',
        vpcId: net.vpcId,
        revokeRulesOnDelete: true,
        tags: { Name: `${base}s`, Tier: 'endpoint' },
      });
      this.securityGroup = sg;
      for (const tier of ENDPOINT_CLIENT_TIERS) {
        summarizeCidrs(net.subnetCidrs(tier)).forEach((cidr, i) => {
          new VpcSecurityGroupIngressRule(this, `https-from-${tier}-${i}`, {
            securityGroupId: sg.id,
            description: `HTTPS from the ${tier} tier`,
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrIpv4: cidr,
            tags: { Name: `${base}s-https-from-${tier}-${i}` },
          });
        });
      }
      for (const service of services) {
        interfaceEndpoints[service] = new VpcEndpoint(this, `interface-${service.replace(/\./g, '-')}`, {
          vpcId: net.vpcId,
          serviceName: `com.amazonaws.${region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: net.subnetIds('app'),
          securityGroupIds: [sg.id],
          policy: policies[service],
          tags: { Name: `${base}-${service}` },
        });
      }
    }
    this.interfaceEndpoints = interfaceEndpoints;
  }
}
