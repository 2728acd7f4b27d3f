import { asNumber, blocks, StackContext } from '../../context';
import { outcomes, PolicyResource, RuleOutcome, violation } from '../../types';

/** One ingress or egress permission, wherever it was written. */
export interface SgPermission {
  /** Finding id: `ingress[0]` for inline blocks, the direction for separate rule resources. */
  readonly finding: string;
  readonly direction: 'ingress' | 'egress';
  /** `-1` means every protocol. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
  /** The security group the permission belongs to, when it can be found in the stack. */
  readonly group?: PolicyResource;
}

export const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

function normProtocol(p: unknown): string {
  const s = String(p ?? '').toLowerCase();
  if (s === '-1' || s === 'all' || s === '') return '-1';
  if (s === '6') return 'tcp';
  if (s === '17') return 'udp';
  return s;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** The permissions a resource declares (inline SG blocks, aws_vpc_security_group_*_rule, aws_security_group_rule). */
export function permissionsOf(r: PolicyResource, ctx: StackContext): SgPermission[] {
  const a = r.attributes;
  if (r.type === 'aws_security_group' || r.type === 'aws_default_security_group') {
    const out: SgPermission[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      blocks(a[direction]).forEach((b, i) => {
        out.push({
          finding: `${direction}[${i}]`,
          direction,
          protocol: normProtocol(b.protocol),
          fromPort: asNumber(b.from_port),
          toPort: asNumber(b.to_port),
          cidrs: [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)],
          group: r,
        });
      });
    }
    return out;
  }
  if (r.type === 'aws_vpc_security_group_ingress_rule' || r.type === 'aws_vpc_security_group_egress_rule') {
    const direction = r.type.endsWith('ingress_rule') ? 'ingress' : 'egress';
    return [
      {
        finding: direction,
        direction,
        protocol: normProtocol(a.ip_protocol),
        fromPort: asNumber(a.from_port),
        toPort: asNumber(a.to_port),
        cidrs: [...strings(a.cidr_ipv4), ...strings(a.cidr_ipv6)],
        group: ctx.resolve(a.security_group_id),
      },
    ];
  }
  if (r.type === 'aws_security_group_rule') {
    const direction = a.type === 'egress' ? 'egress' : 'ingress';
    return [
      {
        finding: direction,
        direction,
        protocol: normProtocol(a.protocol),
        fromPort: asNumber(a.from_port),
        toPort: asNumber(a.to_port),
        cidrs: [...strings(a.cidr_blocks), ...strings(a.ipv6_cidr_blocks)],
        group: ctx.resolve(a.security_group_id),
      },
    ];
  }
  return [];
}

export const SG_RESOURCE_TYPES = ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'];

/** IPv4 prefixes shorter than this cover more than a /8 (16.7 million addresses) and count as the internet. */
export const MIN_PRIVATE_IPV4_PREFIX = 8;
/** IPv6 prefixes shorter than this cover more than a /32 (a regional registry allocation) and count as the internet. */
export const MIN_PRIVATE_IPV6_PREFIX = 32;

/**
 * True when a CIDR is the internet, or so much of it that it must be treated as such: `0.0.0.0/0`,
 * `::/0`, and any IPv4 prefix shorter than /8 or IPv6 prefix shorter than /32 (so `0.0.0.0/1` plus
 * `128.0.0.0/1` cannot open a port to everyone unnoticed). Tokens are not judged.
 */
export function isPublicCidr(cidr: string): boolean {
  if (OPEN_CIDRS.includes(cidr)) return true;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!m || m[1].includes('${')) return false;
  const prefix = Number(m[2]);
  return m[1].includes(':') ? prefix < MIN_PRIVATE_IPV6_PREFIX : prefix < MIN_PRIVATE_IPV4_PREFIX;
}

/** True when the permission is open to the internet (see {@link isPublicCidr}; IPv4 or IPv6). */
export function isOpenToWorld(p: SgPermission): boolean {
  return p.cidrs.some(isPublicCidr);
}

/** True when the permission reaches `port` over TCP or UDP (every protocol reaches every port). */
export function reachesPort(p: SgPermission, port: number): boolean {
  if (p.protocol === '-1') return true;
  if (p.protocol !== 'tcp' && p.protocol !== 'udp') return false;
  if (p.fromPort === undefined || p.toPort === undefined) return true; // unknown at synth: assume the worst
  const from = p.fromPort === -1 ? 0 : p.fromPort;
  const to = p.toPort === -1 ? 65535 : p.toPort;
  return from <= port && port <= to;
}

const ALB_NAME = /(^|[-_ /])alb([-_ /]|$)/i;

/**
 * True for the load balancer's security group: attached to an aws_lb / aws_alb of type
 * application, or labelled as the alb tier (tag `Tier` = alb, or `alb` as a word in its name).
 */
export function isLoadBalancerGroup(group: PolicyResource | undefined, ctx: StackContext): boolean {
  if (!group) return false;
  for (const type of ['aws_lb', 'aws_alb']) {
    for (const lb of ctx.ofType(type)) {
      const kind = lb.attributes.load_balancer_type ?? 'application';
      if (kind !== 'application') continue;
      const groups: unknown[] = Array.isArray(lb.attributes.security_groups) ? lb.attributes.security_groups : [];
      if (groups.some((g) => ctx.refersTo(g, group))) return true;
    }
  }
  const tags = ctx.effectiveTags(group);
  if (String(tags.Tier ?? '').toLowerCase() === 'alb') return true;
  return [group.attributes.name, group.attributes.name_prefix, tags.Name].some((n) => typeof n === 'string' && ALB_NAME.test(n));
}

/**
 * True when `port` on the group only ever answers with a redirect to HTTPS: the group belongs to
 * at least one application load balancer in the stack, and every listener on that port of every
 * load balancer using the group redirects to HTTPS.
 */
export function servesOnlyHttpsRedirects(group: PolicyResource | undefined, port: number, ctx: StackContext): boolean {
  if (!group) return false;
  const lbs = ['aws_lb', 'aws_alb']
    .flatMap((t) => ctx.ofType(t))
    .filter((lb) => {
      const groups: unknown[] = Array.isArray(lb.attributes.security_groups) ? lb.attributes.security_groups : [];
      return (lb.attributes.load_balancer_type ?? 'application') === 'application' && groups.some((g) => ctx.refersTo(g, group));
    });
  if (lbs.length === 0) return false;
  const listeners = lbs.flatMap((lb) => ['aws_lb_listener', 'aws_alb_listener'].flatMap((t) => ctx.related(t, 'load_balancer_arn', lb)));
  const onPort = listeners.filter((l) => asNumber(l.attributes.port) === port);
  return (
    onPort.length > 0 &&
    onPort.every((l) => {
      const actions = blocks(l.attributes.default_action);
      return actions.length > 0 && actions.every((a) => a.type === 'redirect' && String((Array.isArray(a.redirect) ? a.redirect[0] : a.redirect)?.protocol ?? '').toUpperCase() === 'HTTPS');
    })
  );
}

/**
 * The check of a rule that judges each ingress permission open to the internet: `describe`
 * returns what is wrong with it (reported after the permission's finding), or undefined.
 */
export function checkWorldIngress(describe: (p: SgPermission, ctx: StackContext) => string | undefined): (r: PolicyResource, ctx: StackContext) => RuleOutcome | readonly RuleOutcome[] {
  return (r, ctx) => {
    const found: RuleOutcome[] = [];
    for (const p of permissionsOf(r, ctx)) {
      if (p.direction !== 'ingress' || !isOpenToWorld(p)) continue;
      const what = describe(p, ctx);
      if (what) found.push(violation(`${p.finding} ${what}`, { finding: p.finding }));
    }
    return outcomes(found);
  };
}
