import { ValidationIssue, isUnresolved, validateCidr, validateIntegerRange } from '@rampart/core';

/** The app-first security group tiers: alb → app → db, plus management. */
export type SecurityGroupTier = 'alb' | 'app' | 'db' | 'management';
export const SECURITY_GROUP_TIERS: readonly SecurityGroupTier[] = ['alb', 'app', 'db', 'management'];

/** Traffic direction of a rule. */
export type RuleDirection = 'ingress' | 'egress';

/** The one port on which the world may reach the load balancer. */
export const ALB_HTTPS_PORT = 443;
/** The port an HTTP-to-HTTPS redirect listens on (only with the `allowHttpRedirect` opt-out). */
export const ALB_HTTP_PORT = 80;

/** One security group rule. Exactly one peer: `cidr`, `ipv6Cidr`, `peerTier` or `peerSecurityGroupId`. */
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
}

/** Limits every rule is checked against. */
export interface RuleLimits {
  /** Widest port range (number of ports) a rule may span. */
  readonly maxPortRange: number;
  /** Open-world ingress on port 80 of the alb is accepted (the HTTP redirect opt-out). */
  readonly allowHttpRedirect: boolean;
}

function isWorld(cidr: string | undefined): boolean {
  if (cidr === undefined || isUnresolved(cidr)) return false;
  return /\/0$/.test(cidr.trim());
}

/**
 * Checks one rule. Rejects protocol "all" (SG_PROTOCOL_ALL), 0.0.0.0/0 or ::/0 ingress anywhere
 * but the alb's 443 (SG_OPEN_INGRESS), and port ranges wider than `maxPortRange` (SG_PORT_RANGE).
 * Returns undefined when the rule is acceptable. Unresolved tokens are not judged.
 */
export function validateSecurityGroupRule(
  path: string,
  tier: SecurityGroupTier,
  direction: RuleDirection,
  rule: SecurityGroupRuleSpec,
  limits: RuleLimits,
): ValidationIssue | undefined {
  const protocol = (rule.protocol ?? 'tcp') as string;
  if (protocol === '-1' || protocol === 'all') {
    return { code: 'SG_PROTOCOL_ALL', path: `${path}.protocol`, value: protocol, rule: 'protocol "all" (-1) is not allowed: name tcp, udp or icmp and the ports' };
  }
  if (!['tcp', 'udp', 'icmp', 'icmpv6'].includes(protocol)) {
    return { code: 'ENUM', path: `${path}.protocol`, value: protocol, rule: 'must be one of "tcp", "udp", "icmp", "icmpv6"' };
  }
  const peers = [rule.cidr, rule.ipv6Cidr, rule.peerTier, rule.peerSecurityGroupId].filter((p) => p !== undefined);
  if (peers.length !== 1) {
    return { code: 'SG_RULE_PEER', path, value: rule, rule: 'must name exactly one peer: cidr, ipv6Cidr, peerTier or peerSecurityGroupId' };
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
  if (rule.ipv6Cidr !== undefined && !isUnresolved(rule.ipv6Cidr) && !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(rule.ipv6Cidr)) {
    return { code: 'CIDR_FORMAT', path: `${path}.ipv6Cidr`, value: rule.ipv6Cidr, rule: 'must be IPv6 CIDR notation such as 2001:db8::/32' };
  }
  if (direction === 'ingress' && (isWorld(rule.cidr) || isWorld(rule.ipv6Cidr))) {
    const https = tier === 'alb' && protocol === 'tcp' && from === ALB_HTTPS_PORT && to === ALB_HTTPS_PORT;
    const redirect = tier === 'alb' && limits.allowHttpRedirect && protocol === 'tcp' && from === ALB_HTTP_PORT && to === ALB_HTTP_PORT;
    if (!https && !redirect) {
      return {
        code: 'SG_OPEN_INGRESS',
        path: rule.cidr !== undefined ? `${path}.cidr` : `${path}.ipv6Cidr`,
        value: rule.cidr ?? rule.ipv6Cidr,
        rule: `ingress from anywhere is allowed only on the alb's port ${ALB_HTTPS_PORT} (${tier} ${protocol} ${from}-${to} asked for it)`,
      };
    }
  }
  return undefined;
}
