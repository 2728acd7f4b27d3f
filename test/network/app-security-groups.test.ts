import { RampartValidationError, RampartValidationErrors, collectOptOuts } from '@rampart/core';
import { AppSecurityGroups, AppSecurityGroupsProps, TieredVpc, WIDE_IPV4_PREFIX, WIDE_IPV6_PREFIX, isWideCidr, validateSecurityGroupRule } from '@rampart/network';
import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, thrown, warnings } from './helpers';

function groups(props: Partial<AppSecurityGroupsProps> = {}) {
  return build((s) => {
    const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
    return new AppSecurityGroups(s, 'sgs', { network: net, names: NAMES, ...props });
  });
}

/** Rules by the tier of their group, resolved to readable peers. */
function rulesOf(json: any, type: 'aws_vpc_security_group_ingress_rule' | 'aws_vpc_security_group_egress_rule') {
  const sgs = resourcesOfType(json, 'aws_security_group');
  const tierOf = (id: string | undefined) => (id ? sgs[Object.keys(sgs).find((k) => `\${aws_security_group.${k}.id}` === id)!]?.tags.Tier : undefined);
  return Object.values(resourcesOfType(json, type)).map((r) => ({
    tier: tierOf(r.security_group_id),
    protocol: r.ip_protocol,
    from: r.from_port,
    to: r.to_port,
    peer: r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.prefix_list_id ?? `sg:${tierOf(r.referenced_security_group_id)}`,
  }));
}

describe('AppSecurityGroups', () => {
  test('alb → app → db chain, management from VPN only, separate rule resources', () => {
    const { json } = groups({ managementCidrs: ['172.16.0.0/22'] });
    expect(Object.keys(resourcesOfType(json, 'aws_security_group'))).toHaveLength(4);
    expect(Object.values(resourcesOfType(json, 'aws_security_group')).every((g) => g.ingress === undefined && g.egress === undefined)).toBe(true);
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      { tier: 'alb', protocol: 'tcp', from: 443, to: 443, peer: '0.0.0.0/0' },
      { tier: 'app', protocol: 'tcp', from: 8080, to: 8080, peer: 'sg:alb' },
      { tier: 'db', protocol: 'tcp', from: 5432, to: 5432, peer: 'sg:app' },
      { tier: 'management', protocol: 'tcp', from: 22, to: 22, peer: '172.16.0.0/22' },
    ]);
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([
      { tier: 'alb', protocol: 'tcp', from: 8080, to: 8080, peer: 'sg:app' },
      { tier: 'app', protocol: 'tcp', from: 5432, to: 5432, peer: 'sg:db' },
      { tier: 'app', protocol: 'tcp', from: 443, to: 443, peer: '10.0.0.0/16' },
      { tier: 'management', protocol: 'tcp', from: 443, to: 443, peer: '10.0.0.0/16' },
    ]);
  });

  test('ports, client CIDRs and app HTTPS egress come from props', () => {
    const { json, result } = groups({
      appPort: 3000,
      dbPort: 3306,
      albIngressCidrs: ['198.51.100.0/24'],
      appHttpsEgressCidrs: ['0.0.0.0/0'],
      managementPorts: [22, 3389],
      managementCidrs: ['172.16.0.0/22'],
    });
    const ingress = rulesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toContainEqual({ tier: 'alb', protocol: 'tcp', from: 443, to: 443, peer: '198.51.100.0/24' });
    expect(ingress).toContainEqual({ tier: 'app', protocol: 'tcp', from: 3000, to: 3000, peer: 'sg:alb' });
    expect(ingress).toContainEqual({ tier: 'db', protocol: 'tcp', from: 3306, to: 3306, peer: 'sg:app' });
    expect(ingress).toContainEqual({ tier: 'management', protocol: 'tcp', from: 3389, to: 3389, peer: '172.16.0.0/22' });
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule')).toContainEqual({ tier: 'app', protocol: 'tcp', from: 443, to: 443, peer: '0.0.0.0/0' });
    const resolve = (v: string) => Tokenization.resolve(v, { scope: TerraformStack.of(result), preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve(result.albSecurityGroupId)).toMatch(/^\$\{aws_security_group\.sgs_alb_[A-Z0-9]+\.id\}$/);
    expect(resolve(result.appSecurityGroupId)).toMatch(/^\$\{aws_security_group\.sgs_app_[A-Z0-9]+\.id\}$/);
    expect(resolve(result.dbSecurityGroupId)).toMatch(/^\$\{aws_security_group\.sgs_db_[A-Z0-9]+\.id\}$/);
    expect(resolve(result.managementSecurityGroupId)).toMatch(/^\$\{aws_security_group\.sgs_management_[A-Z0-9]+\.id\}$/);
    expect(resolve(result.securityGroupId('app'))).toBe(resolve(result.appSecurityGroupId));
  });

  test('no egress rule is open to every protocol, and the db has no egress at all', () => {
    const { json } = groups({ appHttpsEgressCidrs: ['0.0.0.0/0'] });
    const egress = rulesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(egress.filter((r) => r.protocol === '-1')).toEqual([]);
    expect(egress.filter((r) => r.tier === 'db')).toEqual([]);
  });

  test('app and management reach the gateway endpoints through their prefix lists (S3 also serves ECR layers)', () => {
    const { json } = groups({ gatewayPrefixListIds: { s3: 'pl-6ea54007', dynamodb: 'pl-66a5400f' } });
    const egress = rulesOf(json, 'aws_vpc_security_group_egress_rule');
    for (const tier of ['app', 'management']) {
      expect(egress).toContainEqual({ tier, protocol: 'tcp', from: 443, to: 443, peer: 'pl-6ea54007' });
      expect(egress).toContainEqual({ tier, protocol: 'tcp', from: 443, to: 443, peer: 'pl-66a5400f' });
    }
    expect(egress.filter((r) => r.peer.startsWith('pl-') && !['app', 'management'].includes(r.tier))).toEqual([]);
    // without them, nothing in either group leads outside the VPC
    expect(rulesOf(groups().json, 'aws_vpc_security_group_egress_rule').filter((r) => r.peer.startsWith('pl-'))).toEqual([]);
  });

  test('egress beyond the VPC is never wide by default; a wide block is an opt-out per tier', () => {
    const quiet = groups({ appHttpsEgressCidrs: ['198.51.100.0/24'] });
    expect(warnings(quiet.stack)).toEqual([]);
    expect(rulesOf(groups().json, 'aws_vpc_security_group_egress_rule').filter((r) => !r.peer.startsWith('sg:') && r.peer !== '10.0.0.0/16')).toEqual([]);
    const wide = groups({ appHttpsEgressCidrs: ['0.0.0.0/1', '128.0.0.0/1'], managementHttpsEgressCidrs: ['0.0.0.0/0'] });
    expect(rulesOf(wide.json, 'aws_vpc_security_group_egress_rule')).toContainEqual({ tier: 'management', protocol: 'tcp', from: 443, to: 443, peer: '0.0.0.0/0' });
    expect(
      collectOptOuts(wide.stack)
        .map((o) => o.id)
        .sort(),
    ).toEqual(['network.app-wide-egress', 'network.management-wide-egress']);
    expect(warnings(wide.stack).join('\n')).toMatch(/\[network\.app-wide-egress\] the app security group may send traffic to 0\.0\.0\.0\/1, 128\.0\.0\.0\/1/);
    // added later through addEgress: reported too
    const { stack } = build((sc) => {
      const net = new TieredVpc(sc, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
      const sgs = new AppSecurityGroups(sc, 'sgs', { network: net, names: NAMES });
      sgs.addEgress('db', { description: 'x', fromPort: 443, ipv6Cidr: '::/0' });
      return sgs;
    });
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['network.db-wide-egress']);
  });

  test('HTTP redirect is an opt-out: port 80 on the alb, with a warning and an opt-out record', () => {
    const { json, stack } = groups({ allowHttpRedirect: true });
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule')).toContainEqual({ tier: 'alb', protocol: 'tcp', from: 80, to: 80, peer: '0.0.0.0/0' });
    expect(warnings(stack).join('\n')).toMatch(/\[network\.alb-http-redirect\]/);
    expect(collectOptOuts(stack).map((o) => o.id)).toEqual(['network.alb-http-redirect']);
    expect(warnings(groups().stack)).toEqual([]);
  });

  test('addIngress and addEgress check and add a rule', () => {
    const { json } = build((s) => {
      const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
      const sgs = new AppSecurityGroups(s, 'sgs', { network: net, names: NAMES, maxPortRange: 10 });
      sgs.addIngress('app', { description: 'metrics', fromPort: 9100, toPort: 9109, cidr: '10.0.10.0/24' });
      sgs.addEgress('db', { description: 'replication', fromPort: 5432, peerTier: 'db' });
      return sgs;
    });
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule')).toContainEqual({ tier: 'app', protocol: 'tcp', from: 9100, to: 9109, peer: '10.0.10.0/24' });
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule')).toContainEqual({ tier: 'db', protocol: 'tcp', from: 5432, to: 5432, peer: 'sg:db' });
  });

  const rejected: Array<[string, Partial<AppSecurityGroupsProps>, string, string]> = [
    [
      '0.0.0.0/0 ingress to the app',
      { additionalIngress: { app: [{ description: 'x', fromPort: 8080, cidr: '0.0.0.0/0' }] } },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.app[0].cidr',
    ],
    ['::/0 ingress to the db', { additionalIngress: { db: [{ description: 'x', fromPort: 5432, ipv6Cidr: '::/0' }] } }, 'SG_OPEN_INGRESS', 'AppSecurityGroupsProps.additionalIngress.db[0].ipv6Cidr'],
    [
      '0.0.0.0/0 to the alb on a port other than 443',
      { additionalIngress: { alb: [{ description: 'x', fromPort: 8443, cidr: '0.0.0.0/0' }] } },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.alb[0].cidr',
    ],
    [
      '0.0.0.0/0 on alb port 80 without the redirect opt-out',
      { additionalIngress: { alb: [{ description: 'x', fromPort: 80, cidr: '0.0.0.0/0' }] } },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.alb[0].cidr',
    ],
    ['management from anywhere', { managementCidrs: ['0.0.0.0/0'] }, 'SG_OPEN_INGRESS', 'AppSecurityGroupsProps.managementCidrs[0]'],
    [
      'protocol all',
      { additionalEgress: { app: [{ description: 'x', protocol: '-1' as never, fromPort: 0, cidr: '10.0.0.0/16' }] } },
      'SG_PROTOCOL_ALL',
      'AppSecurityGroupsProps.additionalEgress.app[0].protocol',
    ],
    [
      'protocol named all',
      { additionalIngress: { app: [{ description: 'x', protocol: 'all' as never, fromPort: 0, peerTier: 'alb' }] } },
      'SG_PROTOCOL_ALL',
      'AppSecurityGroupsProps.additionalIngress.app[0].protocol',
    ],
    [
      'a port range wider than configured',
      { additionalIngress: { app: [{ description: 'x', fromPort: 8000, toPort: 8100, peerTier: 'alb' }] } },
      'SG_PORT_RANGE',
      'AppSecurityGroupsProps.additionalIngress.app[0].toPort',
    ],
    [
      'a rule with two peers',
      { additionalIngress: { app: [{ description: 'x', fromPort: 80, peerTier: 'alb', cidr: '10.0.0.0/16' }] } },
      'SG_RULE_PEER',
      'AppSecurityGroupsProps.additionalIngress.app[0]',
    ],
    ['an app port out of range', { appPort: 70000 }, 'OUT_OF_RANGE', 'AppSecurityGroupsProps.appPort'],
    ['a malformed client CIDR', { albIngressCidrs: ['10.0.0.0/33'] }, 'CIDR_MASK', 'AppSecurityGroupsProps.albIngressCidrs[0]'],
    ['no client CIDRs', { albIngressCidrs: [] }, 'REQUIRED', 'AppSecurityGroupsProps.albIngressCidrs'],
    ['extra rules for an unknown tier', { additionalIngress: { web: [] } as never }, 'ENUM', 'AppSecurityGroupsProps.additionalIngress.web'],
    ['a db port out of range', { dbPort: 0 }, 'OUT_OF_RANGE', 'AppSecurityGroupsProps.dbPort'],
    ['a management port out of range', { managementPorts: [70000] }, 'OUT_OF_RANGE', 'AppSecurityGroupsProps.managementPorts[0]'],
    ['an app egress CIDR with host bits', { appHttpsEgressCidrs: ['10.0.0.1/16'] }, 'CIDR_HOST_BITS', 'AppSecurityGroupsProps.appHttpsEgressCidrs[0]'],
    [
      'a port range past 65535',
      { additionalIngress: { app: [{ description: 'x', fromPort: 65535, toPort: 65536, peerTier: 'alb' }] } },
      'OUT_OF_RANGE',
      'AppSecurityGroupsProps.additionalIngress.app[0].toPort',
    ],
    [
      'toPort below fromPort',
      { additionalIngress: { app: [{ description: 'x', fromPort: 90, toPort: 80, peerTier: 'alb' }] } },
      'OUT_OF_RANGE',
      'AppSecurityGroupsProps.additionalIngress.app[0].toPort',
    ],
    [
      'an unknown protocol',
      { additionalIngress: { app: [{ description: 'x', protocol: 'gre' as never, fromPort: 80, peerTier: 'alb' }] } },
      'ENUM',
      'AppSecurityGroupsProps.additionalIngress.app[0].protocol',
    ],
    ['a malformed IPv6 peer', { additionalEgress: { app: [{ description: 'x', fromPort: 443, ipv6Cidr: 'not-v6' }] } }, 'CIDR_FORMAT', 'AppSecurityGroupsProps.additionalEgress.app[0].ipv6Cidr'],
    [
      'an IPv6 prefix past /128',
      { additionalEgress: { app: [{ description: 'x', fromPort: 443, ipv6Cidr: '2001:db8::/129' }] } },
      'CIDR_MASK',
      'AppSecurityGroupsProps.additionalEgress.app[0].ipv6Cidr',
    ],
    [
      'the internet split in two /1 blocks, into the app',
      {
        additionalIngress: {
          app: [
            { description: 'x', fromPort: 8080, cidr: '10.0.0.0/16' },
            { description: 'x', fromPort: 8080, cidr: '128.0.0.0/1' },
          ],
        },
      },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.app[1].cidr',
    ],
    ['a /7 into the db', { additionalIngress: { db: [{ description: 'x', fromPort: 5432, cidr: '10.0.0.0/7' }] } }, 'SG_OPEN_INGRESS', 'AppSecurityGroupsProps.additionalIngress.db[0].cidr'],
    [
      '::/1 into management',
      { additionalIngress: { management: [{ description: 'x', fromPort: 22, ipv6Cidr: '::/1' }] } },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.management[0].ipv6Cidr',
    ],
    [
      'an IPv6 /31 into the app',
      { additionalIngress: { app: [{ description: 'x', fromPort: 8080, ipv6Cidr: '2001:db8::/31' }] } },
      'SG_OPEN_INGRESS',
      'AppSecurityGroupsProps.additionalIngress.app[0].ipv6Cidr',
    ],
    ['management CIDRs wider than /8', { managementCidrs: ['0.0.0.0/1'] }, 'SG_OPEN_INGRESS', 'AppSecurityGroupsProps.managementCidrs[0]'],
    [
      'a malformed prefix list id',
      { additionalEgress: { app: [{ description: 'x', fromPort: 443, prefixListId: 'prefix-s3' }] } },
      'PREFIX_LIST_ID',
      'AppSecurityGroupsProps.additionalEgress.app[0].prefixListId',
    ],
    ['a malformed gateway prefix list', { gatewayPrefixListIds: { s3: 'pl-XYZ' } }, 'PREFIX_LIST_ID', 'AppSecurityGroupsProps.gatewayPrefixListIds.s3'],
    [
      'a prefix list and a CIDR on one rule',
      { additionalEgress: { app: [{ description: 'x', fromPort: 443, prefixListId: 'pl-6ea54007', cidr: '10.0.0.0/16' }] } },
      'SG_RULE_PEER',
      'AppSecurityGroupsProps.additionalEgress.app[0]',
    ],
    ['a malformed management egress CIDR', { managementHttpsEgressCidrs: ['198.51.100.0/33'] }, 'CIDR_MASK', 'AppSecurityGroupsProps.managementHttpsEgressCidrs[0]'],
  ];
  test.each(rejected)('rejects %s at construction', (_t, props, code, path) => {
    const e = thrown(() => groups(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });

  test('every rejected rule is reported together, and no group is created', () => {
    let created = 0;
    const e = thrown(() =>
      build((s) => {
        const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
        const before = s.node.findAll().length;
        try {
          return new AppSecurityGroups(s, 'sgs', {
            network: net,
            names: NAMES,
            additionalIngress: {
              app: [
                { description: 'a', fromPort: 1, toPort: 2, peerTier: 'alb' },
                { description: 'b', fromPort: 22, cidr: '0.0.0.0/0' },
              ],
            },
          });
        } finally {
          created = s.node.findAll().length - before;
        }
      }),
    );
    expect(e).toBeInstanceOf(RampartValidationErrors);
    expect(e.issues.map((i: any) => i.code)).toEqual(['SG_PORT_RANGE', 'SG_OPEN_INGRESS']);
    expect(created).toBe(1); // the construct scope itself, no resources
  });

  test('addIngress rejects open ingress with a typed error', () => {
    const e = thrown(() =>
      build((s) => {
        const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
        new AppSecurityGroups(s, 'sgs', { network: net, names: NAMES }).addIngress('management', { description: 'ssh', fromPort: 22, cidr: '0.0.0.0/0' });
      }),
    );
    expect({ code: e.code, path: e.path }).toEqual({ code: 'SG_OPEN_INGRESS', path: 'management.ingress.cidr' });
  });

  test('the rule check alone: the alb may take 443 from anywhere, and 80 only with the redirect', () => {
    const limits = { maxPortRange: 1, allowHttpRedirect: false };
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 443, cidr: '0.0.0.0/0' }, limits)).toBeUndefined();
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 443, ipv6Cidr: '::/0' }, limits)).toBeUndefined();
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 80, cidr: '0.0.0.0/0' }, limits)?.code).toBe('SG_OPEN_INGRESS');
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 80, cidr: '0.0.0.0/0' }, { ...limits, allowHttpRedirect: true })).toBeUndefined();
    expect(validateSecurityGroupRule('r', 'app', 'egress', { description: 'x', fromPort: 443, cidr: '0.0.0.0/0' }, limits)).toBeUndefined();
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', protocol: 'udp', fromPort: 443, cidr: '0.0.0.0/0' }, limits)?.code).toBe('SG_OPEN_INGRESS');
  });

  test('"anywhere" is any block wider than /8 (IPv4) or /32 (IPv6), not only /0', () => {
    expect([WIDE_IPV4_PREFIX, WIDE_IPV6_PREFIX]).toEqual([8, 32]);
    for (const c of ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '64.0.0.0/2', '10.0.0.0/7', '::/0', '::/1', '8000::/1', '2000::/3', '2001:db8::/31']) expect([c, isWideCidr(c)]).toEqual([c, true]);
    for (const c of ['10.0.0.0/8', '198.51.100.0/24', '2001:db8::/32', '2001:db8::/64', undefined, 'not-a-cidr']) expect([c, isWideCidr(c)]).toEqual([c, false]);
    const limits = { maxPortRange: 1, allowHttpRedirect: false };
    // the alb's 443 may take any block, wide or not
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 443, cidr: '128.0.0.0/1' }, limits)).toBeUndefined();
    expect(validateSecurityGroupRule('r', 'alb', 'ingress', { description: 'x', fromPort: 8443, cidr: '128.0.0.0/1' }, limits)?.code).toBe('SG_OPEN_INGRESS');
    expect(validateSecurityGroupRule('r', 'app', 'ingress', { description: 'x', fromPort: 8080, cidr: '10.0.0.0/8' }, limits)).toBeUndefined();
    // an unresolved peer is not judged
    expect(validateSecurityGroupRule('r', 'app', 'ingress', { description: 'x', fromPort: 8080, cidr: Token.asString({ Ref: 'x' }) }, limits)).toBeUndefined();
  });
});
