import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ITieredNetwork, NameParts, RampartValidationError, SubnetTier, resourceName, validateOneOf, NatMode, NAT_MODES } from '@rampart/core';
import { SubnetPlan, TierLayout, planSubnets } from './subnet-plan';
export { NAT_MODES } from '@rampart/core';
export type { NatMode } from '@rampart/core';

/** The default route every internet-bound route table gets. */
export const DEFAULT_ROUTE = '0.0.0.0/0';

/** The subnet plan, with errors naming this construct's props (`cidr`, not the planner's `vpcCidr`). */
function planWithPropNames(cidr: string, azCount: number, props: TieredVpcProps): SubnetPlan {
  try {
    return planSubnets({ vpcCidr: cidr, azCount, tiers: props.tiers, layout: props.layout, path: 'TieredVpcProps' });
  } catch (e) {
    if (e instanceof RampartValidationError && e.path === 'TieredVpcProps.vpcCidr') throw new RampartValidationError({ ...e.issue, path: 'TieredVpcProps.cidr' });
    throw e;
  }
}

/** What the other network constructs need from a tiered VPC. */
export interface ITieredVpc extends ITieredNetwork {
  /** Number of availability zones the tiers span. */
  readonly azCount: number;
  /** Tiers that exist. */
  readonly tiers: readonly SubnetTier[];
  /** The subnet plan (literal CIDRs). */
  readonly plan: SubnetPlan;
  /** Subnet CIDRs of one tier (literal), one per AZ; empty when the tier is absent. */
  subnetCidrs(tier: SubnetTier): readonly string[];
  /** Route table ids of one tier; empty when the tier is absent. */
  routeTableIds(tier: SubnetTier): string[];
  /** True when the tier has a default route to the internet (IGW for public, NAT for the others). */
  hasInternetRoute(tier: SubnetTier): boolean;
}

/** Properties of {@link TieredVpc}. */
export interface TieredVpcProps {
  /** Prefix and environment for Name tags. */
  readonly names: NameParts;
  /** VPC CIDR (/16 to /28, no host bits). Changing it replaces the VPC. */
  readonly cidr: string;
  /**
   * Availability zones to spread each tier over (2 to 6).
   * @default 2
   */
  readonly azCount?: number;
  /**
   * Availability zone names, one per AZ (e.g. `eu-central-1a`). Must list exactly `azCount` names.
   * @default - the first `azCount` zones of `data.aws_availability_zones` (state available)
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Tiers to create. app and data always exist. Without the public tier there is no internet
   * gateway and no NAT.
   * @default - public, app, data, management
   */
  readonly tiers?: readonly SubnetTier[];
  /**
   * Per-tier subnet layout overrides.
   * @default - public 10.0.0.x/24, app 10.0.10.x, data 10.0.20.x, management 10.0.30.x (for a 10.0.0.0/16)
   */
  readonly layout?: Partial<Record<SubnetTier, TierLayout>>;
  /**
   * NAT gateways for the app tier: none, one shared, or one per AZ. Needs the public tier.
   * @default 'none'
   */
  readonly natMode?: NatMode;
  /**
   * Route the management tier through NAT too. Needs a NAT mode other than none. The route alone
   * opens nothing: the management security group's egress beyond the VPC is
   * `AppSecurityGroupsProps.managementHttpsEgressCidrs` (`NetworkBaseline` requires both together).
   * @default false
   */
  readonly managementNat?: boolean;
}

/**
 * A VPC with four subnet tiers (public, app, data, management) and isolated route tables.
 *
 * - public routes to the internet gateway, which exists only when the public tier does;
 * - app routes through NAT (none, single or per-AZ);
 * - data has no route to the internet at all;
 * - management uses NAT only when asked.
 *
 * No subnet maps public IPs on launch. The default security group and default network ACL are
 * adopted and left without rules.
 */
export class TieredVpc extends Construct implements ITieredVpc {
  public readonly vpc: Vpc;
  public readonly plan: SubnetPlan;
  public readonly azCount: number;
  public readonly tiers: readonly SubnetTier[];
  public readonly natMode: NatMode;
  public readonly managementNat: boolean;
  /** Availability zone of each AZ index (names, or tokens from the data source). */
  public readonly availabilityZones: readonly string[];
  public readonly subnets: Readonly<Record<SubnetTier, readonly Subnet[]>>;
  public readonly routeTables: Readonly<Record<SubnetTier, readonly RouteTable[]>>;
  public readonly internetGateway?: InternetGateway;
  public readonly natGateways: readonly NatGateway[];
  public readonly elasticIps: readonly Eip[];
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  public readonly defaultNetworkAcl: DefaultNetworkAcl;
  private readonly internetTiers: readonly SubnetTier[];

  constructor(scope: Construct, id: string, props: TieredVpcProps) {
    super(scope, id);
    // Resolve and check every input before creating anything.
    const azCount = props.azCount ?? 2;
    const natMode = props.natMode ?? 'none';
    const managementNat = props.managementNat ?? false;
    const plan = planWithPropNames(props.cidr, azCount, props);
    const prefix = resourceName(props.names, 'vpc');
    const natIssue = validateOneOf('TieredVpcProps.natMode', natMode, NAT_MODES);
    if (natIssue) throw new RampartValidationError(natIssue);
    const hasPublic = plan.tiers.includes('public');
    if (natMode !== 'none' && !hasPublic) {
      throw new RampartValidationError({ code: 'NAT_NEEDS_PUBLIC_TIER', path: 'TieredVpcProps.natMode', value: natMode, rule: 'NAT gateways live in the public tier: add it or use natMode "none"' });
    }
    if (managementNat && natMode === 'none') {
      throw new RampartValidationError({ code: 'NAT_REQUIRED', path: 'TieredVpcProps.managementNat', value: managementNat, rule: 'needs a natMode other than "none"' });
    }
    if (managementNat && !plan.tiers.includes('management')) {
      throw new RampartValidationError({ code: 'TIER_ABSENT', path: 'TieredVpcProps.managementNat', value: managementNat, rule: 'needs the management tier' });
    }
    if (props.availabilityZones !== undefined && !Token.isUnresolved(props.availabilityZones)) {
      if (props.availabilityZones.length !== azCount) {
        throw new RampartValidationError({ code: 'COUNT_MISMATCH', path: 'TieredVpcProps.availabilityZones', value: props.availabilityZones, rule: `must list exactly ${azCount} zones (azCount)` });
      }
      props.availabilityZones.forEach((az, i) => {
        if (!Token.isUnresolved(az) && !/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(az)) {
          throw new RampartValidationError({ code: 'AZ_NAME', path: `TieredVpcProps.availabilityZones[${i}]`, value: az, rule: 'must be an availability zone name such as eu-central-1a' });
        }
        if (props.availabilityZones!.indexOf(az) !== i) {
          throw new RampartValidationError({ code: 'DUPLICATE', path: `TieredVpcProps.availabilityZones[${i}]`, value: az, rule: 'each zone may be listed once' });
        }
      });
    }

    this.plan = plan;
    this.azCount = azCount;
    this.tiers = plan.tiers;
    this.natMode = natMode;
    this.managementNat = managementNat;

    let zones: string[];
    if (props.availabilityZones) zones = [...props.availabilityZones];
    else {
      const available = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
      zones = Array.from({ length: azCount }, (_, i) => Fn.element(available.names, i));
    }
    this.availabilityZones = zones;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: plan.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: prefix },
    });
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      tags: { Name: `${prefix}-default-no-rules` },
    });
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, 'default-nacl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      tags: { Name: `${prefix}-default-deny` },
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });

    const subnets: Record<SubnetTier, Subnet[]> = { public: [], app: [], data: [], management: [] };
    for (const s of plan.subnets) {
      subnets[s.tier].push(
        new Subnet(this, `${s.tier}-${s.az}`, {
          vpcId: this.vpc.id,
          cidrBlock: s.cidr,
          availabilityZone: zones[s.az],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${prefix}-${s.tier}-${s.az}`, Tier: s.tier },
        }),
      );
    }
    this.subnets = subnets;

    const routeTables: Record<SubnetTier, RouteTable[]> = { public: [], app: [], data: [], management: [] };
    const table = (tier: SubnetTier, suffix: string): RouteTable => {
      const rt = new RouteTable(this, `${tier}-rt${suffix}`, { vpcId: this.vpc.id, tags: { Name: `${prefix}-${tier}${suffix}`, Tier: tier } });
      routeTables[tier].push(rt);
      return rt;
    };
    const associate = (tier: SubnetTier, az: number, rt: RouteTable): void => {
      new RouteTableAssociation(this, `${tier}-rta-${az}`, { subnetId: subnets[tier][az].id, routeTableId: rt.id });
    };

    // public: one table, default route to the internet gateway.
    const natGateways: NatGateway[] = [];
    const eips: Eip[] = [];
    if (hasPublic) {
      this.internetGateway = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: `${prefix}-igw` } });
      const rt = table('public', '');
      new Route(this, 'public-default-route', { routeTableId: rt.id, destinationCidrBlock: DEFAULT_ROUTE, gatewayId: this.internetGateway.id });
      subnets.public.forEach((_, az) => associate('public', az, rt));
      const natCount = natMode === 'per-az' ? azCount : natMode === 'single' ? 1 : 0;
      for (let i = 0; i < natCount; i++) {
        const eip = new Eip(this, `nat-eip-${i}`, { domain: 'vpc', tags: { Name: `${prefix}-nat-${i}` }, dependsOn: [this.internetGateway] });
        eips.push(eip);
        natGateways.push(
          new NatGateway(this, `nat-${i}`, {
            allocationId: eip.allocationId,
            subnetId: subnets.public[i].id,
            tags: { Name: `${prefix}-nat-${i}` },
            dependsOn: [this.internetGateway],
          }),
        );
      }
    }
    this.natGateways = natGateways;
    this.elasticIps = eips;

    // app (and management): one table per AZ so that each AZ can use its own NAT gateway.
    const natRouted = (tier: SubnetTier): boolean => natGateways.length > 0 && (tier === 'app' || (tier === 'management' && managementNat));
    for (const tier of ['app', 'management'] as const) {
      if (!plan.tiers.includes(tier)) continue;
      for (let az = 0; az < azCount; az++) {
        const rt = table(tier, `-${az}`);
        associate(tier, az, rt);
        if (natRouted(tier)) {
          new Route(this, `${tier}-nat-route-${az}`, {
            routeTableId: rt.id,
            destinationCidrBlock: DEFAULT_ROUTE,
            natGatewayId: natGateways[natMode === 'per-az' ? az : 0].id,
          });
        }
      }
    }
    // data: one table with local routes only. Never a NAT or internet gateway route.
    const dataRt = table('data', '');
    subnets.data.forEach((_, az) => associate('data', az, dataRt));
    this.routeTables = routeTables;
    this.internetTiers = plan.tiers.filter((t) => (t === 'public' ? true : natRouted(t)));
  }

  public get vpcId(): string {
    return this.vpc.id;
  }

  public get vpcCidr(): string {
    return this.plan.vpcCidr;
  }

  public subnetIds(tier: SubnetTier): string[] {
    return this.subnets[tier].map((s) => s.id);
  }

  public subnetCidrs(tier: SubnetTier): readonly string[] {
    return this.plan.cidrs[tier];
  }

  public routeTableIds(tier: SubnetTier): string[] {
    return this.routeTables[tier].map((r) => r.id);
  }

  /** Route table ids of every private tier (app, data, management). Gateway endpoints attach to app and management only. */
  public get privateRouteTableIds(): string[] {
    return (['app', 'data', 'management'] as const).flatMap((t) => this.routeTableIds(t));
  }

  public hasInternetRoute(tier: SubnetTier): boolean {
    return this.internetTiers.includes(tier);
  }
}
