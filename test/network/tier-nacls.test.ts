import { RampartValidationError, collectOptOuts } from '@rampart/core';
import { TierNacls, TierNaclsProps, TieredVpc, TieredVpcProps } from '@rampart/network';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, thrown, warnings } from './helpers';

function nacls(props: Partial<TierNaclsProps> = {}, vpcProps: Partial<TieredVpcProps> = {}) {
  return build((s) => {
    const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16', natMode: 'single', ...vpcProps });
    return new TierNacls(s, 'nacls', { network: net, names: NAMES, vpnCidrs: ['172.16.0.0/22'], ...props });
  });
}

/** Rules of one tier's ACL as [direction, number, action, protocol, from, to, cidr]. */
function rulesOf(json: any, tier: string): Array<[string, number, string, string, number, number, string]> {
  const acls = resourcesOfType(json, 'aws_network_acl');
  const name = Object.keys(acls).find((k) => acls[k].tags.Tier === tier)!;
  return Object.values(resourcesOfType(json, 'aws_network_acl_rule'))
    .filter((r) => r.network_acl_id === `\${aws_network_acl.${name}.id}`)
    .map((r): [string, number, string, string, number, number, string] => [r.egress ? 'out' : 'in', r.rule_number, r.rule_action, r.protocol, r.from_port, r.to_port, r.cidr_block])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
}

describe('TierNacls', () => {
  test("one ACL per tier, associated with that tier's subnets", () => {
    const { json } = nacls();
    const acls = Object.values(resourcesOfType(json, 'aws_network_acl'));
    expect(acls.map((a) => a.tags.Tier).sort()).toEqual(['app', 'data', 'management', 'public']);
    for (const a of acls) expect(a.subnet_ids).toHaveLength(2);
  });

  test('data: only the data ports, only from the app tier; replies only to the app tier', () => {
    const { json } = nacls({ dataPorts: [5432, 6379] });
    expect(rulesOf(json, 'data')).toEqual([
      ['in', 100, 'allow', 'tcp', 5432, 5432, '10.0.10.0/23'],
      ['in', 110, 'allow', 'tcp', 6379, 6379, '10.0.10.0/23'],
      ['out', 100, 'allow', 'tcp', 1024, 65535, '10.0.10.0/23'],
    ]);
  });

  test('public: 443 from the clients plus return traffic, no port 80 by default', () => {
    const { json } = nacls({ albIngressCidrs: ['198.51.100.0/24'] });
    const rules = rulesOf(json, 'public');
    expect(rules.filter((r) => r[0] === 'in')).toEqual([
      ['in', 100, 'allow', 'tcp', 443, 443, '198.51.100.0/24'],
      // the return range from the internet skips RDP (3389)
      ['in', 110, 'allow', 'tcp', 1024, 3388, '0.0.0.0/0'],
      ['in', 120, 'allow', 'tcp', 3390, 65535, '0.0.0.0/0'],
      ['in', 130, 'allow', '-1', 0, 0, '10.0.10.0/23'],
      ['in', 140, 'allow', '-1', 0, 0, '10.0.30.0/23'],
    ]);
    expect(rules.some((r) => r[4] === 80)).toBe(false);
  });

  test('app: traffic from the public and app tiers, endpoint calls from management, database replies; HTTPS anywhere for NAT and gateway endpoints', () => {
    const rules = rulesOf(nacls().json, 'app');
    expect(rules.filter((r) => r[0] === 'in')).toEqual([
      ['in', 100, 'allow', '-1', 0, 0, '10.0.0.0/23'],
      ['in', 110, 'allow', '-1', 0, 0, '10.0.10.0/23'],
      ['in', 120, 'allow', 'tcp', 443, 443, '10.0.30.0/23'],
      ['in', 130, 'allow', 'tcp', 1024, 65535, '10.0.20.0/23'],
      ['in', 140, 'allow', 'tcp', 1024, 3388, '0.0.0.0/0'],
      ['in', 150, 'allow', 'tcp', 3390, 65535, '0.0.0.0/0'],
    ]);
    expect(rules.filter((r) => r[0] === 'out')).toEqual([
      ['out', 100, 'allow', '-1', 0, 0, '10.0.0.0/23'],
      ['out', 110, 'allow', '-1', 0, 0, '10.0.10.0/23'],
      ['out', 120, 'allow', 'tcp', 5432, 5432, '10.0.20.0/23'],
      ['out', 130, 'allow', 'tcp', 1024, 65535, '10.0.30.0/23'],
      ['out', 140, 'allow', 'tcp', 443, 443, '0.0.0.0/0'],
    ]);
    // the data tier calls no endpoint: nothing in the app ACL admits 443 from it
    expect(rules.filter((r) => r[0] === 'in' && r[4] === 443 && r[6] === '10.0.20.0/23')).toEqual([]);
  });

  test('app without NAT still reaches the gateway endpoints: NACLs cannot name prefix lists, so 443 out and replies in are open', () => {
    const rules = rulesOf(nacls({}, { natMode: 'none' }).json, 'app');
    expect(rules).toContainEqual(['out', 140, 'allow', 'tcp', 443, 443, '0.0.0.0/0']);
    expect(rules).toContainEqual(['in', 140, 'allow', 'tcp', 1024, 3388, '0.0.0.0/0']);
    expect(rules).toContainEqual(['in', 150, 'allow', 'tcp', 3390, 65535, '0.0.0.0/0']);
  });

  test('no inbound allow entry from a wide block spans RDP 3389 or SSH 22 (CIS 5.1, EC2.21)', () => {
    for (const json of [nacls().json, nacls({}, { natMode: 'none' }).json, nacls({ gatewayEndpointTiers: ['app'] }, { managementNat: true }).json]) {
      for (const tier of ['public', 'app', 'data', 'management'] as const) {
        const wide = rulesOf(json, tier).filter((r) => r[0] === 'in' && r[2] === 'allow' && r[6] === '0.0.0.0/0');
        for (const r of wide) expect(r[3] === 'tcp' && ((r[4] as number) > 3389 || (r[5] as number) < 3389) && (r[4] as number) > 22).toBe(true);
      }
    }
  });

  test('app with neither NAT nor gateway endpoints: nothing to or from outside the VPC', () => {
    const rules = rulesOf(nacls({ gatewayEndpointTiers: [] }, { natMode: 'none' }).json, 'app');
    expect(rules.filter((r) => r[6] === '0.0.0.0/0')).toEqual([]);
    // the database still answers
    expect(rules).toContainEqual(['in', 130, 'allow', 'tcp', 1024, 65535, '10.0.20.0/23']);
  });

  test('management: only the management ports from the VPN CIDRs; HTTPS to the endpoints and its replies', () => {
    // no NAT and no gateway endpoints: the interface endpoints in the app tier only
    const closed = rulesOf(nacls({ managementPorts: [22], gatewayEndpointTiers: [] }, { natMode: 'none' }).json, 'management');
    expect(closed).toEqual([
      ['in', 100, 'allow', 'tcp', 22, 22, '172.16.0.0/22'],
      ['in', 110, 'allow', 'tcp', 1024, 65535, '10.0.10.0/23'],
      ['out', 100, 'allow', 'tcp', 1024, 65535, '172.16.0.0/22'],
      ['out', 110, 'allow', 'tcp', 443, 443, '10.0.10.0/23'],
    ]);
    // gateway endpoints (the default) or management NAT: S3/DynamoDB answer from public addresses
    for (const json of [nacls({ managementPorts: [22] }, { natMode: 'none' }).json, nacls({ gatewayEndpointTiers: ['app'] }, { managementNat: true }).json]) {
      const rules = rulesOf(json, 'management');
      expect(rules).toContainEqual(['in', 110, 'allow', 'tcp', 1024, 3388, '0.0.0.0/0']);
      expect(rules).toContainEqual(['in', 120, 'allow', 'tcp', 3390, 65535, '0.0.0.0/0']);
      expect(rules).toContainEqual(['out', 110, 'allow', 'tcp', 443, 443, '0.0.0.0/0']);
    }
  });

  test('the deny list goes first, in both directions of every tier', () => {
    const { json } = nacls({ denyCidrs: ['203.0.113.0/24', '192.0.2.0/24'] });
    for (const tier of ['public', 'app', 'data', 'management']) {
      const rules = rulesOf(json, tier);
      for (const dir of ['in', 'out']) {
        const mine = rules.filter((r) => r[0] === dir);
        expect(mine.slice(0, 2)).toEqual([
          [dir, 10, 'deny', '-1', 0, 0, '203.0.113.0/24'],
          [dir, 11, 'deny', '-1', 0, 0, '192.0.2.0/24'],
        ]);
        expect(mine.slice(2).every((r) => r[2] === 'allow' && r[1] >= 100)).toBe(true);
      }
    }
  });

  test('HTTP redirect is an opt-out: port 80 on the public tier, with a warning', () => {
    const { json, stack } = nacls({ allowHttpRedirect: true });
    expect(rulesOf(json, 'public')).toContainEqual(['in', 110, 'allow', 'tcp', 80, 80, '0.0.0.0/0']);
    expect(warnings(stack).join('\n')).toMatch(/\[network\.nacl-http-redirect\]/);
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['network.nacl-http-redirect']);
  });

  test('without NAT or gateway endpoints, neither public nor management admit return traffic from the internet', () => {
    const { json } = nacls({ gatewayEndpointTiers: [] }, { natMode: 'none' });
    expect(rulesOf(json, 'public').filter((r) => r[6] === '0.0.0.0/0' && r[0] === 'in')).toEqual([['in', 100, 'allow', 'tcp', 443, 443, '0.0.0.0/0']]);
    expect(rulesOf(json, 'management').filter((r) => r[6] === '0.0.0.0/0')).toEqual([]);
  });

  const errors: Array<[string, Partial<TierNaclsProps>, string, string]> = [
    ['a malformed deny CIDR', { denyCidrs: ['203.0.113.0/33'] }, 'CIDR_MASK', 'TierNaclsProps.denyCidrs[0]'],
    ['denying everything', { denyCidrs: ['0.0.0.0/0'] }, 'INSECURE', 'TierNaclsProps.denyCidrs[0]'],
    ['denying half the internet', { denyCidrs: ['203.0.113.0/24', '0.0.0.0/1'] }, 'INSECURE', 'TierNaclsProps.denyCidrs[1]'],
    ['gateway endpoints on the data tier', { gatewayEndpointTiers: ['app', 'data'] }, 'ENUM', 'TierNaclsProps.gatewayEndpointTiers[1]'],
    ['a deny list too long for the ACL quota', { denyCidrs: Array.from({ length: 16 }, (_, i) => `198.18.${i}.0/24`) }, 'NACL_RULE_LIMIT', 'TierNaclsProps.denyCidrs'],
    ['a data port out of range', { dataPorts: [0] }, 'OUT_OF_RANGE', 'TierNaclsProps.dataPorts[0]'],
    ['no data ports', { dataPorts: [] }, 'REQUIRED', 'TierNaclsProps.dataPorts'],
    ['a management port out of range', { managementPorts: [65536] }, 'OUT_OF_RANGE', 'TierNaclsProps.managementPorts[0]'],
    ['a malformed VPN CIDR', { vpnCidrs: ['172.16.0.1/22'] }, 'CIDR_HOST_BITS', 'TierNaclsProps.vpnCidrs[0]'],
  ];
  test.each(errors)('rejects %s', (_t, props, code, path) => {
    const e = thrown(() => nacls(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
