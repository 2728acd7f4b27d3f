import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ISecurityGroupTiers, ITieredNetwork, NameParts, RampartValidationError, ValidationIssue, assertAllValid, reportOptOut, resourceName, validateCidr, validateIntegerRange } from '@rampart/core';
import {
  ALB_HTTPS_PORT,
  ALB_HTTP_PORT,
  RuleDirection,
  RuleLimits,
  SECURITY_GROUP_TIERS,
  SecurityGroupRuleSpec,
  SecurityGroupTier,
  isWideCidr,
  validatePrefixListId,
  validateSecurityGroupRule,
} from './security-group-rules';

/** Properties of {@link AppSecurityGroups}. */
export interface AppSecurityGroupsProps {
  /** The VPC the groups belong to. */
  readonly network: ITieredNetwork;
  /** Prefix and environment for names. */
  readonly names: NameParts;
  /**
   * Who may reach the load balancer on 443. The only place 0.0.0.0/0 is accepted.
   * @default ['0.0.0.0/0']
   */
  readonly albIngressCidrs?: readonly string[];
  /**
   * Opt-out: also admit port 80 on the alb from `albIngressCidrs`, for an HTTP-to-HTTPS redirect.
   * Reported as opt-out `network.alb-http-redirect`.
   * @default false
   */
  readonly allowHttpRedirect?: boolean;
  /**
   * Port the app listens on; admitted only from the alb group.
   * @default 8080
   */
  readonly appPort?: number;
  /**
   * Port the database listens on; admitted only from the app group.
   * @default 5432
   */
  readonly dbPort?: number;
  /**
   * Ports of the management group (SSH 22, or the port an SSM-managed tool uses), admitted only
   * from `managementCidrs`.
   * @default [22]
   */
  readonly managementPorts?: readonly number[];
  /**
   * VPN or bastion CIDRs that may reach the management group. Empty means no ingress at all.
   * @default []
   */
  readonly managementCidrs?: readonly string[];
  /**
   * Destinations outside the VPC the app may reach on 443 (through NAT). 443 inside the VPC (the
   * interface endpoints) and to the gateway endpoints' prefix lists is always allowed. A block
   * wider than /8 (IPv4), such as 0.0.0.0/0, is reported as opt-out `network.app-wide-egress`.
   * @default []
   */
  readonly appHttpsEgressCidrs?: readonly string[];
  /**
   * Destinations outside the VPC the management group may reach on 443 (through NAT, with
   * `TieredVpcProps.managementNat`). A block wider than /8 is reported as opt-out
   * `network.management-wide-egress`.
   * @default []
   */
  readonly managementHttpsEgressCidrs?: readonly string[];
  /**
   * Managed prefix list ids of the gateway endpoints (S3, DynamoDB) by service, normally
   * `VpcEndpoints.gatewayPrefixListIds`. The app and management groups get HTTPS egress to each.
   * Without them, those groups cannot reach S3 or DynamoDB (nor ECR image layers, which S3 serves).
   * @default - none
   */
  readonly gatewayPrefixListIds?: Readonly<Record<string, string>>;
  /**
   * Widest port range, in ports, any rule may span.
   * @default 1
   */
  readonly maxPortRange?: number;
  /**
   * Extra ingress rules per tier; each is checked like the built-in ones.
   * @default - none
   */
  readonly additionalIngress?: Partial<Record<SecurityGroupTier, readonly SecurityGroupRuleSpec[]>>;
  /**
   * Extra egress rules per tier; each is checked like the built-in ones.
   * @default - none
   */
  readonly additionalEgress?: Partial<Record<SecurityGroupTier, readonly SecurityGroupRuleSpec[]>>;
}

type TierRule = { tier: SecurityGroupTier; direction: RuleDirection; rule: SecurityGroupRuleSpec; path: string; builtIn: boolean };

/**
 * The app-first security groups: alb (443 from the configured CIDRs) → app (the app port, from
 * the alb only) → db (the db port, from the app only), plus management (SSH or the SSM port,
 * from VPN or bastion CIDRs only). Rules are separate ingress and egress rule resources; egress is
 * stated per tier and never open to everything by default: egress to a wide block is an opt-out
 * reported as `network.<tier>-wide-egress`.
 *
 * Every rule, built-in or added, is checked before it is created: protocol "all", ingress from
 * anywhere other than the alb's 443, and port ranges wider than `maxPortRange` are rejected.
 */
export class AppSecurityGroups extends Construct implements ISecurityGroupTiers {
  public readonly groups: Readonly<Record<SecurityGroupTier, SecurityGroup>>;
  public readonly limits: RuleLimits;
  private readonly counters: Record<string, number> = {};

  constructor(scope: Construct, id: string, props: AppSecurityGroupsProps) {
    super(scope, id);
    const albIngressCidrs = props.albIngressCidrs ?? ['0.0.0.0/0'];
    const allowHttpRedirect = props.allowHttpRedirect ?? false;
    const appPort = props.appPort ?? 8080;
    const dbPort = props.dbPort ?? 5432;
    const managementPorts = props.managementPorts ?? [22];
    const managementCidrs = props.managementCidrs ?? [];
    const appHttpsEgressCidrs = props.appHttpsEgressCidrs ?? [];
    const managementHttpsEgressCidrs = props.managementHttpsEgressCidrs ?? [];
    const gatewayPrefixListIds = props.gatewayPrefixListIds ?? {};
    const maxPortRange = props.maxPortRange ?? 1;
    const P = 'AppSecurityGroupsProps';

    const issues: Array<ValidationIssue | undefined> = [
      validateIntegerRange(`${P}.appPort`, appPort, 1, 65535),
      validateIntegerRange(`${P}.dbPort`, dbPort, 1, 65535),
      validateIntegerRange(`${P}.maxPortRange`, maxPortRange, 1, 65536),
      ...managementPorts.map((p, i) => validateIntegerRange(`${P}.managementPorts[${i}]`, p, 1, 65535)),
      ...albIngressCidrs.map((c, i) => validateCidr(`${P}.albIngressCidrs[${i}]`, c)),
      ...managementCidrs.map((c, i) => validateCidr(`${P}.managementCidrs[${i}]`, c)),
      ...appHttpsEgressCidrs.map((c, i) => validateCidr(`${P}.appHttpsEgressCidrs[${i}]`, c)),
      ...managementHttpsEgressCidrs.map((c, i) => validateCidr(`${P}.managementHttpsEgressCidrs[${i}]`, c)),
      ...Object.entries(gatewayPrefixListIds).map(([service, id]) => validatePrefixListId(`${P}.gatewayPrefixListIds.${service}`, id)),
    ];
    if (albIngressCidrs.length === 0) issues.push({ code: 'REQUIRED', path: `${P}.albIngressCidrs`, value: albIngressCidrs, rule: 'must list at least one CIDR' });
    assertAllValid(issues);
    this.limits = { maxPortRange, allowHttpRedirect };

    const rules: TierRule[] = [];
    const add = (tier: SecurityGroupTier, direction: RuleDirection, rule: SecurityGroupRuleSpec, path: string, builtIn = true): void => {
      rules.push({ tier, direction, rule, path, builtIn });
    };
    albIngressCidrs.forEach((cidr, i) => {
      add('alb', 'ingress', { description: 'HTTPS from the allowed clients', fromPort: ALB_HTTPS_PORT, cidr }, `${P}.albIngressCidrs[${i}]`);
      if (allowHttpRedirect) add('alb', 'ingress', { description: 'HTTP, redirected to HTTPS', fromPort: ALB_HTTP_PORT, cidr }, `${P}.albIngressCidrs[${i}]`);
    });
    add('alb', 'egress', { description: 'to the app on the app port', fromPort: appPort, peerTier: 'app' }, `${P}.appPort`);
    add('app', 'ingress', { description: 'from the alb on the app port', fromPort: appPort, peerTier: 'alb' }, `${P}.appPort`);
    add('app', 'egress', { description: 'to the database on the db port', fromPort: dbPort, peerTier: 'db' }, `${P}.dbPort`);
    add('app', 'egress', { description: 'HTTPS to VPC endpoints', fromPort: 443, cidr: props.network.vpcCidr }, `${P}.network.vpcCidr`);
    appHttpsEgressCidrs.forEach((cidr, i) => add('app', 'egress', { description: 'HTTPS to an allowed destination', fromPort: 443, cidr }, `${P}.appHttpsEgressCidrs[${i}]`));
    add('db', 'ingress', { description: 'from the app on the db port', fromPort: dbPort, peerTier: 'app' }, `${P}.dbPort`);
    managementCidrs.forEach((cidr, i) =>
      managementPorts.forEach((port) => add('management', 'ingress', { description: `management port ${port} from VPN or bastion`, fromPort: port, cidr }, `${P}.managementCidrs[${i}]`)),
    );
    add('management', 'egress', { description: 'HTTPS to VPC endpoints (SSM)', fromPort: 443, cidr: props.network.vpcCidr }, `${P}.network.vpcCidr`);
    managementHttpsEgressCidrs.forEach((cidr, i) => add('management', 'egress', { description: 'HTTPS to an allowed destination', fromPort: 443, cidr }, `${P}.managementHttpsEgressCidrs[${i}]`));
    // Gateway endpoints are reached through their services' prefix lists (added last, so that the
    // rules above keep their ids).
    for (const [service, prefixListId] of Object.entries(gatewayPrefixListIds)) {
      for (const tier of ['app', 'management'] as const) {
        add(tier, 'egress', { description: `HTTPS to the ${service} gateway endpoint`, fromPort: 443, prefixListId }, `${P}.gatewayPrefixListIds.${service}`);
      }
    }
    for (const direction of ['ingress', 'egress'] as const) {
      const extra = direction === 'ingress' ? props.additionalIngress : props.additionalEgress;
      const key = direction === 'ingress' ? 'additionalIngress' : 'additionalEgress';
      for (const tier of Object.keys(extra ?? {}) as SecurityGroupTier[]) {
        if (!SECURITY_GROUP_TIERS.includes(tier))
          throw new RampartValidationError({ code: 'ENUM', path: `${P}.${key}.${tier}`, value: tier, rule: `must be one of ${SECURITY_GROUP_TIERS.join(', ')}` });
        extra![tier]!.forEach((rule, i) => add(tier, direction, rule, `${P}.${key}.${tier}[${i}]`, false));
      }
    }
    // Every rule is checked before any resource exists.
    // A built-in rule is reported under the prop that produced it.
    assertAllValid(
      rules.map((r) => {
        const issue = validateSecurityGroupRule(r.path, r.tier, r.direction, r.rule, this.limits);
        return issue && r.builtIn ? { ...issue, path: r.path } : issue;
      }),
      'Rejected security group rules',
    );

    const base = resourceName(props.names, 'sg');
    const groups = {} as Record<SecurityGroupTier, SecurityGroup>;
    const descriptions: Record<SecurityGroupTier, string> = {
      alb: 'Load balancer: HTTPS from the allowed clients only',
      app: 'App tier: the app port from the load balancer only',
      db: 'Data tier: the db port from the app tier only',
      management: 'Management: VPN or bastion CIDRs only',
    };
    for (const tier of SECURITY_GROUP_TIERS) {
      groups[tier] = new SecurityGroup(this, tier, {
        name: `${base}-${tier}`,
        description: descriptions[tier],
        vpcId: props.network.vpcId,
        revokeRulesOnDelete: true,
        tags: { Name: `${base}-${tier}`, Tier: tier },
      });
    }
    this.groups = groups;
    if (allowHttpRedirect) {
      reportOptOut(this, {
        id: 'network.alb-http-redirect',
        message: `the alb admits HTTP (port ${ALB_HTTP_PORT}) from ${albIngressCidrs.join(', ')} for a redirect to HTTPS`,
      });
    }
    for (const r of rules) this.create(r.tier, r.direction, r.rule);
    for (const tier of SECURITY_GROUP_TIERS) {
      this.reportWideEgress(
        tier,
        rules.filter((r) => r.tier === tier && r.direction === 'egress').map((r) => r.rule),
      );
    }
  }

  /** Adds an ingress rule to one tier's group, after checking it. */
  public addIngress(tier: SecurityGroupTier, rule: SecurityGroupRuleSpec): void {
    this.checkAndCreate(tier, 'ingress', rule);
  }

  /** Adds an egress rule to one tier's group, after checking it. */
  public addEgress(tier: SecurityGroupTier, rule: SecurityGroupRuleSpec): void {
    this.checkAndCreate(tier, 'egress', rule);
  }

  public get albSecurityGroupId(): string {
    return this.groups.alb.id;
  }

  public get appSecurityGroupId(): string {
    return this.groups.app.id;
  }

  public get dbSecurityGroupId(): string {
    return this.groups.db.id;
  }

  public get managementSecurityGroupId(): string {
    return this.groups.management.id;
  }

  /** The group id of a tier. */
  public securityGroupId(tier: SecurityGroupTier): string {
    return this.groups[tier].id;
  }

  private checkAndCreate(tier: SecurityGroupTier, direction: RuleDirection, rule: SecurityGroupRuleSpec): void {
    if (!SECURITY_GROUP_TIERS.includes(tier)) throw new RampartValidationError({ code: 'ENUM', path: 'tier', value: tier, rule: `must be one of ${SECURITY_GROUP_TIERS.join(', ')}` });
    const issue = validateSecurityGroupRule(`${tier}.${direction}`, tier, direction, rule, this.limits);
    if (issue) throw new RampartValidationError(issue);
    this.create(tier, direction, rule);
    if (direction === 'egress') this.reportWideEgress(tier, [rule]);
  }

  /** Egress to a wide block (0.0.0.0/0 and the like) is never a default: each is an opt-out. */
  private reportWideEgress(tier: SecurityGroupTier, rules: readonly SecurityGroupRuleSpec[]): void {
    const wide = rules.map((r) => r.cidr ?? r.ipv6Cidr).filter((c): c is string => isWideCidr(c));
    if (wide.length === 0) return;
    reportOptOut(this, {
      id: `network.${tier}-wide-egress`,
      message: `the ${tier} security group may send traffic to ${wide.join(', ')} (most of the internet); list the destinations it needs instead`,
    });
  }

  private create(tier: SecurityGroupTier, direction: RuleDirection, rule: SecurityGroupRuleSpec): void {
    const key = `${tier}-${direction}`;
    const n = (this.counters[key] = (this.counters[key] ?? 0) + 1);
    const config = {
      securityGroupId: this.groups[tier].id,
      description: rule.description,
      ipProtocol: rule.protocol ?? 'tcp',
      fromPort: rule.fromPort,
      toPort: rule.toPort ?? rule.fromPort,
      cidrIpv4: rule.cidr,
      cidrIpv6: rule.ipv6Cidr,
      referencedSecurityGroupId: rule.peerTier ? this.groups[rule.peerTier].id : rule.peerSecurityGroupId,
      prefixListId: rule.prefixListId,
      tags: { Name: `${tier}-${direction}-${n}` },
    };
    if (direction === 'ingress') new VpcSecurityGroupIngressRule(this, `${key}-${n}`, config);
    else new VpcSecurityGroupEgressRule(this, `${key}-${n}`, config);
  }
}
