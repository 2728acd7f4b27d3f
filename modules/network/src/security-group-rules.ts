import { ValidationIssue, isUnresolved, validateCidr, validateIntegerRange, WIDE_IPV4_PREFIX, WIDE_IPV6_PREFIX, isWideCidr } from '@rampart/core';
export { WIDE_IPV4_PREFIX, WIDE_IPV6_PREFIX, isWideCidr } from '@rampart/core';

/** The app-first security group tiers: alb → app → db, plus management. */
export type SecurityGroupTier = 'alb' | 'app' | 'db' | 'management';
export const SECURITY_GROUP_TIERS: readonly SecurityGroupTier[] = ['alb', 'app', 'db', 'management'];

/** Traffic direction of a rule. */
export type RuleDirection = 'ingress' | 'egress';

/** The one port on which the world may reach the load balancer. */
export const ALB_HTTPS_PORT = 443;
/** The port an HTTP-to-HTTPS redirect listens on (only with the `allowHttpRedirect` opt-out). */
export const ALB_HTTP_PORT = 80;

/** A managed prefix list id (`pl-` and 8 or 17 hex digits); unresolved tokens pass. */
export function validatePrefixListId(path: string, value: unknown): ValidationIssue | undefined {
  if (isUnresolved(value)) return undefined;
  if (typeof value === 'string' && /^pl-[0-9a-f]{8,17}$/.test(value)) return undefined;
  return { code: 'PREFIX_LIST_ID', path, value, rule: 'must be a prefix list id such as pl-6ea54007' };
}

/** One security group rule. Exactly one peer: `cidr`, `ipv6Cidr`, `peerTier`, `peerSecurityGroupId` or `prefixListId`. */
export interface SecurityGroupRuleSpec {
  /** Why the rule exists (kept on the rule). */
  readonly description: string;
  /**
   * IP protocol. "all" (-1) is never accepted.
   * @default 'tcp'
   */
  readonly protocol?: 'tcp' | 'udp' | 'icmp' | 'icmpv6';
  /** First port. */
  readonly fromPort: number;
  /**
   * Last port.
   * @default - fromPort
   */
  readonly toPort?: number;
  /** IPv4 peer. */
  readonly cidr?: string;
  /** IPv6 peer. */
  readonly ipv6Cidr?: string;
  /** Another tier's security group as the peer. */
  readonly peerTier?: SecurityGroupTier;
  /** Any other security group as the peer (id). */
  readonly peerSecurityGroupId?: string;
  /** A managed prefix list as the peer (id `pl-…`), e.g. a gateway endpoint's S3 or DynamoDB list. */
  readonly prefixListId?: string;
}

/** Limits every rule is checked against. */
export interface RuleLimits {
  /** Widest port range (number of ports) a rule may span. */
  readonly maxPortRange: number;
  /** Open-world ingress on port 80 of the alb is accepted (the HTTP redirect opt-out). */
  readonly allowHttpRedirect: boolean;
}

/**
 * Checks one rule. Rejects protocol "all" (SG_PROTOCOL_ALL), ingress from anywhere (0.0.0.0/0, ::/0
 * or any other wide block, see {@link isWideCidr}) except on the alb's 443 (SG_OPEN_INGRESS), and port ranges wider than `maxPortRange` (SG_PORT_RANGE).
 * Returns undefined when the rule is acceptable. Unresolved tokens are not judged.
 */
export function validateSecurityGroupRule(path: string, tier: SecurityGroupTier, direction: RuleDirection, rule: SecurityGroupRuleSpec, limits: RuleLimits): ValidationIssue | undefined {
  const protocol = (rule.protocol ?? 'tcp') as string;
  if (protocol === '-1' || protocol === 'all') {
    return { code: 'SG_PROTOCOL_ALL', path: `${path}.protocol`, value: protocol, rule: 'protocol "all" (-1) is not allowed: name tcp, udp or icmp and the ports' };
  }
  if (!['tcp', 'udp', 'icmp', 'icmpv6'].includes(protocol)) {
    return { code: 'ENUM', path: `${path}.protocol`, value: protocol, rule: 'must be one of "tcp", "udp", "icmp", "icmpv6"' };
  }
  const peers = [rule.cidr, rule.ipv6Cidr, rule.peerTier, rule.peerSecurityGroupId, rule.prefixListId].filter((p) => p !== undefined);
  if (peers.length !== 1) {
    return { code: 'SG_RULE_PEER', path, value: rule, rule: 'must name exactly one peer: cidr, ipv6Cidr, peerTier, peerSecurityGroupId or prefixListId' };
  }
  const portMin = protocol.startsWith('icmp') ? -1 : 0;
  const from = rule.fromPort;
  const to = rule.toPort ?? rule.fromPort;
  const fromIssue = validateIntegerRange(`${path}.fromPort`, from, portMin, 65535) ?? validateIntegerRange(`${path}.toPort`, to, portMin, 65535);
  if (fromIssue) return fromIssue;
  if (!isUnresolved(from) && !isUnresolved(to)) {
    if (to < from) return { code: 'OUT_OF_RANGE', path: `${path}.toPort`, value: to, rule: `must not be below fromPort (${from})` };
    if (!protocol.startsWith('icmp') && to - from + 1 > limits.maxPortRange) {
      return {
        code: 'SG_PORT_RANGE',
        path: `${path}.toPort`,
        value: `${from}-${to}`,
        rule: `port range spans ${to - from + 1} ports; at most ${limits.maxPortRange} allowed (maxPortRange)`,
      };
    }
  }
  if (rule.cidr !== undefined) {
    const issue = validateCidr(`${path}.cidr`, rule.cidr);
    if (issue) return issue;
  }
  if (rule.ipv6Cidr !== undefined && !isUnresolved(rule.ipv6Cidr)) {
    const m = /^[0-9a-fA-F:]+\/(\d{1,3})$/.exec(rule.ipv6Cidr);
    if (!m || !rule.ipv6Cidr.includes(':')) return { code: 'CIDR_FORMAT', path: `${path}.ipv6Cidr`, value: rule.ipv6Cidr, rule: 'must be IPv6 CIDR notation such as 2001:db8::/32' };
    if (Number(m[1]) > 128) return { code: 'CIDR_MASK', path: `${path}.ipv6Cidr`, value: rule.ipv6Cidr, rule: 'prefix length must be between /0 and /128' };
  }
  if (rule.prefixListId !== undefined) {
    const issue = validatePrefixListId(`${path}.prefixListId`, rule.prefixListId);
    if (issue) return issue;
  }
  if (direction === 'ingress' && (isWideCidr(rule.cidr) || isWideCidr(rule.ipv6Cidr))) {
    const https = tier === 'alb' && protocol === 'tcp' && from === ALB_HTTPS_PORT && to === ALB_HTTPS_PORT;
    const redirect = tier === 'alb' && limits.allowHttpRedirect && protocol === 'tcp' && from === ALB_HTTP_PORT && to === ALB_HTTP_PORT;
    if (!https && !redirect) {
      return {
        code: 'SG_OPEN_INGRESS',
        path: rule.cidr !== undefined ? `${path}.cidr` : `${path}.ipv6Cidr`,
        value: rule.cidr ?? rule.ipv6Cidr,
        rule: `ingress from anywhere (an IPv4 block wider than /${WIDE_IPV4_PREFIX} or an IPv6 block wider than /${WIDE_IPV6_PREFIX}) is allowed only on the alb's port ${ALB_HTTPS_PORT} (${tier} ${protocol} ${from}-${to} asked for it)`,
      };
    }
  }
  return undefined;
}
