import { Construct } from 'constructs';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { NameParts, RampartValidationError, SubnetTier, ValidationIssue, assertAllValid, reportOptOut, resourceName, validateCidr, validateIntegerRange } from '@rampart/core';
import { WIDE_IPV4_PREFIX, isWideCidr } from './security-group-rules';
import { summarizeCidrs } from './subnet-plan';
import { ITieredVpc } from './tiered-vpc';
import { ENDPOINT_CLIENT_TIERS } from './vpc-endpoints';

/** Ports the stateless NACLs must open for return traffic. */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
/** First rule number of the deny list; allow rules start at {@link FIRST_ALLOW_RULE}. */
export const FIRST_DENY_RULE = 10;
export const FIRST_ALLOW_RULE = 100;
/** Rules per direction a network ACL holds under the default AWS quota. */
export const NACL_RULES_PER_DIRECTION = 20;

const ANYWHERE = '0.0.0.0/0';
/** RDP: inbound ephemeral ranges from the internet are split around it (1024-3388, 3390-65535). */
export const RDP_PORT = 3389;

/** One planned NACL entry. */
export interface NaclEntry {
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  /** `tcp`, or `-1` for all protocols. */
  readonly protocol: 'tcp' | '-1';
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
  readonly ruleNumber: number;
  /** Why the entry exists. */
  readonly purpose: string;
}

/** Properties of {@link TierNacls}. */
export interface TierNaclsProps {
  /** The tiered VPC. */
  readonly network: ITieredVpc;
  /** Prefix and environment for names. */
  readonly names: NameParts;
  /**
   * Who may reach the public tier on 443.
   * @default ['0.0.0.0/0']
   */
  readonly albIngressCidrs?: readonly string[];
  /**
   * Opt-out: also open port 80 on the public tier for an HTTP-to-HTTPS redirect.
   * Reported as opt-out `network.nacl-http-redirect`.
   * @default false
   */
  readonly allowHttpRedirect?: boolean;
  /**
   * Ports of the data tier, open only from the app tier.
   * @default [5432]
   */
  readonly dataPorts?: readonly number[];
  /**
   * Ports of the management tier, open only from `vpnCidrs`.
   * @default [22]
   */
  readonly managementPorts?: readonly number[];
  /**
   * VPN or bastion CIDRs that may reach the management tier.
   * @default []
   */
  readonly vpnCidrs?: readonly string[];
  /**
   * CIDRs denied in and out of every tier, at the lowest rule numbers (from 10).
   * @default []
   */
  readonly denyCidrs?: readonly string[];
  /**
   * Tiers whose route tables carry the S3/DynamoDB gateway endpoints (`VpcEndpoints.gatewayRouteTiers`).
   * A NACL cannot name a prefix list and S3 and DynamoDB answer from public addresses, so these
   * tiers' NACLs allow HTTPS out to, and return traffic (1024-65535) in from, 0.0.0.0/0. The
   * security groups still limit the destinations to the endpoints' prefix lists; the route tables
   * decide where such traffic can go. Only app and management may be listed.
   * @default ['app', 'management'] (the tiers VpcEndpoints attaches gateway endpoints to)
   */
  readonly gatewayEndpointTiers?: readonly SubnetTier[];
}

/**
 * One network ACL per tier, a second layer under the security groups:
 *
 * - public: 443 (and 80 with the redirect opt-out) from the allowed clients, plus return traffic;
 * - app: traffic from the public and app tiers, 443 from the management tier (interface
 *   endpoints), database replies; HTTPS out to and replies in from anywhere only when the tier
 *   uses NAT or gateway endpoints;
 * - data: only the data ports, only from the app tier;
 * - management: only the management ports, only from the VPN CIDRs, plus HTTPS to the interface
 *   endpoints (or anywhere, with NAT or gateway endpoints) and its return traffic.
 *
 * The deny list goes in first, in both directions of every tier.
 */
export class TierNacls extends Construct {
  public readonly acls: Readonly<Partial<Record<SubnetTier, NetworkAcl>>>;
  /** The entries of each tier's ACL, as created. */
  public readonly entries: Readonly<Partial<Record<SubnetTier, readonly NaclEntry[]>>>;

  constructor(scope: Construct, id: string, props: TierNaclsProps) {
    super(scope, id);
    const albIngressCidrs = props.albIngressCidrs ?? [ANYWHERE];
    const allowHttpRedirect = props.allowHttpRedirect ?? false;
    const dataPorts = props.dataPorts ?? [5432];
    const managementPorts = props.managementPorts ?? [22];
    const vpnCidrs = props.vpnCidrs ?? [];
    const denyCidrs = props.denyCidrs ?? [];
    const gatewayEndpointTiers = props.gatewayEndpointTiers ?? ENDPOINT_CLIENT_TIERS;
    const P = 'TierNaclsProps';
    const issues: Array<ValidationIssue | undefined> = [
      ...albIngressCidrs.map((c, i) => validateCidr(`${P}.albIngressCidrs[${i}]`, c)),
      ...vpnCidrs.map((c, i) => validateCidr(`${P}.vpnCidrs[${i}]`, c)),
      ...denyCidrs.map((c, i) => validateCidr(`${P}.denyCidrs[${i}]`, c)),
      ...dataPorts.map((p, i) => validateIntegerRange(`${P}.dataPorts[${i}]`, p, 1, 65535)),
      ...managementPorts.map((p, i) => validateIntegerRange(`${P}.managementPorts[${i}]`, p, 1, 65535)),
    ];
    if (dataPorts.length === 0) issues.push({ code: 'REQUIRED', path: `${P}.dataPorts`, value: dataPorts, rule: 'must list at least one port' });
    denyCidrs.forEach((c, i) => {
      if (isWideCidr(c))
        issues.push({
          code: 'INSECURE',
          path: `${P}.denyCidrs[${i}]`,
          value: c,
          rule: `denying a block wider than /${WIDE_IPV4_PREFIX} would cut off most of the internet (or the VPC itself); list specific ranges`,
        });
    });
    gatewayEndpointTiers.forEach((t, i) => {
      if (!ENDPOINT_CLIENT_TIERS.includes(t)) issues.push({ code: 'ENUM', path: `${P}.gatewayEndpointTiers[${i}]`, value: t, rule: `must be one of ${ENDPOINT_CLIENT_TIERS.join(', ')}` });
    });
    assertAllValid(issues);

    const net = props.network;
    const blocks = (tier: SubnetTier): string[] => summarizeCidrs(net.subnetCidrs(tier));
    const natEgress = (tier: SubnetTier): boolean => net.hasInternetRoute(tier);
    const anyNat = natEgress('app') || natEgress('management');
    // Tiers whose traffic leaves for public addresses: through NAT, or to a gateway endpoint.
    const publicDestinations = (tier: SubnetTier): boolean => natEgress(tier) || (net.tiers.includes(tier) && gatewayEndpointTiers.includes(tier));

    type Spec = Omit<NaclEntry, 'ruleNumber'>;
    // Inbound TCP ranges from the internet skip RDP: AWS Config's check behind CIS 5.1 and Security
    // Hub EC2.21 flags any allow entry whose range spans 3389, whatever deny precedes it.
    const allow = (egress: boolean, protocol: 'tcp' | '-1', from: number, to: number, cidrs: readonly string[], purpose: string): Spec[] =>
      cidrs.flatMap((cidr) => {
        const fromPort = protocol === '-1' ? 0 : from;
        const toPort = protocol === '-1' ? 0 : to;
        if (!egress && protocol === 'tcp' && (cidr === ANYWHERE || isWideCidr(cidr)) && from < RDP_PORT && RDP_PORT < to) {
          return [
            { egress, action: 'allow' as const, protocol, fromPort, toPort: RDP_PORT - 1, cidr, purpose },
            { egress, action: 'allow' as const, protocol, fromPort: RDP_PORT + 1, toPort, cidr, purpose },
          ];
        }
        return [{ egress, action: 'allow' as const, protocol, fromPort, toPort, cidr, purpose }];
      });
    const E = EPHEMERAL_PORTS;

    const plans: Partial<Record<SubnetTier, Spec[]>> = {};
    if (net.tiers.includes('public')) {
      plans.public = [
        ...allow(false, 'tcp', 443, 443, albIngressCidrs, 'HTTPS from the allowed clients'),
        ...(allowHttpRedirect ? allow(false, 'tcp', 80, 80, albIngressCidrs, 'HTTP for the redirect to HTTPS') : []),
        ...(anyNat ? allow(false, 'tcp', E.from, E.to, [ANYWHERE], 'return traffic of NAT connections') : []),
        ...allow(false, '-1', 0, 0, [...blocks('app'), ...blocks('management')], 'targets and NAT clients in the private tiers'),
        ...allow(true, 'tcp', E.from, E.to, albIngressCidrs, 'responses to the allowed clients'),
        ...(anyNat ? allow(true, 'tcp', 443, 443, [ANYWHERE], 'HTTPS forwarded by NAT') : []),
        ...allow(true, '-1', 0, 0, [...blocks('app'), ...blocks('management')], 'to targets, and NAT return traffic'),
      ];
    }
    const appOut = publicDestinations('app');
    plans.app = [
      ...allow(false, '-1', 0, 0, [...blocks('public'), ...blocks('app')], 'from the public and app tiers'),
      ...allow(false, 'tcp', 443, 443, blocks('management'), 'HTTPS from the management tier to the interface endpoints'),
      ...allow(false, 'tcp', E.from, E.to, blocks('data'), 'database responses'),
      ...(appOut ? allow(false, 'tcp', E.from, E.to, [ANYWHERE], 'return traffic of NAT and gateway-endpoint connections') : []),
      ...allow(true, '-1', 0, 0, [...blocks('public'), ...blocks('app')], 'to the public and app tiers'),
      ...dataPorts.flatMap((p) => allow(true, 'tcp', p, p, blocks('data'), `data port ${p}`)),
      ...allow(true, 'tcp', E.from, E.to, blocks('management'), 'interface endpoint responses to the management tier'),
      ...(appOut ? allow(true, 'tcp', 443, 443, [ANYWHERE], 'HTTPS through NAT or to gateway endpoints') : []),
    ];
    plans.data = [
      ...dataPorts.flatMap((p) => allow(false, 'tcp', p, p, blocks('app'), `data port ${p} from the app tier`)),
      ...allow(true, 'tcp', E.from, E.to, blocks('app'), 'responses to the app tier'),
    ];
    if (net.tiers.includes('management')) {
      const mgmtOut = publicDestinations('management');
      plans.management = [
        ...vpnCidrs.flatMap((c) => managementPorts.flatMap((p) => allow(false, 'tcp', p, p, [c], `management port ${p} from VPN`))),
        ...allow(false, 'tcp', E.from, E.to, mgmtOut ? [ANYWHERE] : blocks('app'), 'return traffic'),
        ...allow(true, 'tcp', E.from, E.to, vpnCidrs, 'responses to VPN clients'),
        ...allow(true, 'tcp', 443, 443, mgmtOut ? [ANYWHERE] : blocks('app'), mgmtOut ? 'HTTPS to the endpoints, gateway endpoints or NAT' : 'HTTPS to the interface endpoints'),
      ];
    }

    const entries: Partial<Record<SubnetTier, NaclEntry[]>> = {};
    for (const tier of Object.keys(plans) as SubnetTier[]) {
      const numbered: NaclEntry[] = [];
      for (const egress of [false, true]) {
        denyCidrs.forEach((cidr, i) => numbered.push({ egress, action: 'deny', protocol: '-1', fromPort: 0, toPort: 0, cidr, ruleNumber: FIRST_DENY_RULE + i, purpose: 'deny list' }));
        plans[tier]!.filter((s) => s.egress === egress).forEach((s, i) => numbered.push({ ...s, ruleNumber: FIRST_ALLOW_RULE + i * 10 }));
        const count = numbered.filter((e) => e.egress === egress).length;
        if (count > NACL_RULES_PER_DIRECTION) {
          throw new RampartValidationError({
            code: 'NACL_RULE_LIMIT',
            path: `${P}.denyCidrs`,
            value: denyCidrs,
            rule: `the ${tier} tier's ${egress ? 'outbound' : 'inbound'} ACL would hold ${count} rules; AWS allows ${NACL_RULES_PER_DIRECTION} per direction`,
          });
        }
      }
      if (denyCidrs.length > FIRST_ALLOW_RULE - FIRST_DENY_RULE) {
        throw new RampartValidationError({ code: 'NACL_RULE_LIMIT', path: `${P}.denyCidrs`, value: denyCidrs, rule: `at most ${FIRST_ALLOW_RULE - FIRST_DENY_RULE} entries` });
      }
      entries[tier] = numbered;
    }

    const base = resourceName(props.names, 'nacl');
    const acls: Partial<Record<SubnetTier, NetworkAcl>> = {};
    for (const tier of Object.keys(entries) as SubnetTier[]) {
      const acl = new NetworkAcl(this, tier, { vpcId: net.vpcId, subnetIds: net.subnetIds(tier), tags: { Name: `${base}-${tier}`, Tier: tier } });
      acls[tier] = acl;
      for (const e of entries[tier]!) {
        new NetworkAclRule(this, `${tier}-${e.egress ? 'out' : 'in'}-${e.ruleNumber}`, {
          networkAclId: acl.id,
          egress: e.egress,
          ruleNumber: e.ruleNumber,
          ruleAction: e.action,
          protocol: e.protocol,
          fromPort: e.fromPort,
          toPort: e.toPort,
          cidrBlock: e.cidr,
        });
      }
    }
    this.acls = acls;
    this.entries = entries;
    if (allowHttpRedirect) {
      reportOptOut(this, { id: 'network.nacl-http-redirect', message: `the public tier's network ACL admits HTTP (port 80) from ${albIngressCidrs.join(', ')} for a redirect to HTTPS` });
    }
  }
}
