import { asNumber, blocks, StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { ADMIN_PORTS } from './sg-no-public-admin-ports';
import { isPublicCidr } from './sg-helpers';

interface NaclEntry {
  readonly finding: string;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidrs: readonly string[];
}

function entries(r: PolicyResource): NaclEntry[] {
  const a = r.attributes;
  if (r.type === 'aws_network_acl_rule') {
    return [
      {
        finding: `rule ${a.rule_number ?? '?'}`,
        egress: a.egress === true,
        allow: a.rule_action === 'allow',
        protocol: String(a.protocol ?? ''),
        from: asNumber(a.from_port),
        to: asNumber(a.to_port),
        cidrs: [a.cidr_block, a.ipv6_cidr_block].filter((c) => typeof c === 'string'),
      },
    ];
  }
  return blocks(a.ingress).map((b, i) => ({
    finding: `ingress[${i}]`,
    egress: false,
    allow: b.action === 'allow',
    protocol: String(b.protocol ?? ''),
    from: asNumber(b.from_port),
    to: asNumber(b.to_port),
    cidrs: [b.cidr_block, b.ipv6_cidr_block].filter((c) => typeof c === 'string'),
  }));
}

function reaches(e: NaclEntry, port: number): boolean {
  const p = e.protocol.toLowerCase();
  if (p === '-1' || p === 'all') return true;
  if (!['tcp', '6', 'udp', '17'].includes(p)) return false;
  if (e.from === undefined || e.to === undefined) return true;
  return e.from <= port && port <= e.to;
}

/**
 * No network ACL allow entry admits the internet to SSH or RDP: an entry whose port range spans 22
 * or 3389 is a finding even when a lower-numbered deny blocks it, as in Security Hub EC2.21, whose
 * AWS Config rule (nacl-no-unrestricted-ssh-rdp) ignores rule order. Ephemeral return ranges
 * must therefore be split around 3389 (1024-3388, 3390-65535).
 */
export const naclNoPublicAdminPorts: PolicyRule = {
  id: 'nacl-no-public-admin-ports',
  title: 'Network ACLs do not allow internet ingress (0.0.0.0/0, ::/0, or IPv4 prefixes shorter than /8 and IPv6 shorter than /32) to SSH (22) or RDP (3389)',
  area: 'network',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['5.2'], fsbp: ['EC2.21'] },
  hint: 'admit admin ports only from VPN or bastion CIDRs; split internet-wide return ranges around the admin ports (1024-3388 and 3390-65535)',
  resourceTypes: ['aws_network_acl', 'aws_network_acl_rule', 'aws_default_network_acl'],
  check(r: PolicyResource, _ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const e of entries(r)) {
      if (e.egress || !e.allow || !e.cidrs.some(isPublicCidr)) continue;
      const ports = ADMIN_PORTS.filter((p) => reaches(e, p));
      if (ports.length)
        found.push(
          violation(
            `${e.finding} allows the internet to port ${ports.join(' and ')}; this is a finding even if a lower-numbered deny entry blocks it, because the AWS Config rule behind Security Hub EC2.21 (nacl-no-unrestricted-ssh-rdp) ignores rule order`,
            { finding: e.finding },
          ),
        );
    }
    return outcomes(found);
  },
};
