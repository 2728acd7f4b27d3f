import { config as defaultConfig } from '../../config/rampart.config';
import { RampartConfig } from '../../config/types';
import { buildApp } from '../../src/app';
import { cidrsOverlap, collectOptOuts, parseCidr } from '@rampart/core';
import { StackJson, resourcesOfType, synthApp, tempDir } from '../helpers/synth';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

function isDefaultRoute(r: any): boolean {
  return r.destination_cidr_block === '0.0.0.0/0' || r.destination_ipv6_cidr_block === '::/0' || r.cidr_block === '0.0.0.0/0' || r.ipv6_cidr_block === '::/0';
}

/** Route tables associated with a data-tier subnet (found through the associations, not the tags). */
function dataRouteTables(stack: StackJson): string[] {
  const subnets = resourcesOfType(stack, 'aws_subnet');
  const dataSubnets = new Set(
    Object.keys(subnets)
      .filter((k) => subnets[k].tags?.Tier === 'data')
      .map((k) => `\${aws_subnet.${k}.id}`),
  );
  return [
    ...new Set(
      Object.values(resourcesOfType(stack, 'aws_route_table_association'))
        .filter((a) => dataSubnets.has(a.subnet_id))
        .map((a) => a.route_table_id),
    ),
  ];
}

/** Every ingress a security group admits, from inline blocks and from separate rule resources. */
function ingressRules(stack: StackJson): Array<{ where: string; cidrs: string[]; protocol: string; from: number; to: number; group: string }> {
  const out: Array<{ where: string; cidrs: string[]; protocol: string; from: number; to: number; group: string }> = [];
  const groups = resourcesOfType(stack, 'aws_security_group');
  const tierOf = (id: string) => groups[Object.keys(groups).find((k) => `\${aws_security_group.${k}.id}` === id) ?? '']?.tags?.Tier ?? id;
  for (const type of ['aws_security_group', 'aws_default_security_group']) {
    for (const [name, g] of Object.entries(resourcesOfType(stack, type))) {
      for (const i of g.ingress ?? [])
        out.push({
          where: `${type}.${name}`,
          cidrs: [...(i.cidr_blocks ?? []), ...(i.ipv6_cidr_blocks ?? [])],
          protocol: String(i.protocol),
          from: i.from_port,
          to: i.to_port,
          group: g.tags?.Tier ?? name,
        });
    }
  }
  for (const [name, r] of Object.entries(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule'))) {
    out.push({ where: name, cidrs: [r.cidr_ipv4, r.cidr_ipv6].filter(Boolean), protocol: String(r.ip_protocol), from: r.from_port, to: r.to_port, group: tierOf(r.security_group_id) });
  }
  for (const [name, r] of Object.entries(resourcesOfType(stack, 'aws_security_group_rule'))) {
    if (r.type === 'ingress')
      out.push({ where: name, cidrs: [...(r.cidr_blocks ?? []), ...(r.ipv6_cidr_blocks ?? [])], protocol: String(r.protocol), from: r.from_port, to: r.to_port, group: tierOf(r.security_group_id) });
  }
  return out;
}

/**
 * Prefix length of a literal CIDR, parsed here (not with the module's own check) so that the test
 * judges the synthesised JSON independently. Throws on anything that is not a CIDR, so that a
 * token or a typo cannot slip past as "not open".
 */
function prefixOf(cidr: string): { family: 4 | 6; prefix: number } {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (v4 && v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32) return { family: 4, prefix: Number(v4[5]) };
  const v6 = /^([0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\/(\d{1,3})$/.exec(cidr);
  if (v6 && Number(v6[2]) <= 128) return { family: 6, prefix: Number(v6[2]) };
  throw new Error(`not a literal CIDR: ${cidr}`);
}

/** A block holding a large share of the internet: IPv4 wider than /8, IPv6 wider than /32. */
function isOpen(cidr: string): boolean {
  const { family, prefix } = prefixOf(cidr);
  return family === 4 ? prefix < 8 : prefix < 32;
}

describe('the CIDR judge of these tests', () => {
  test('treats split and partial world blocks as open, and ordinary blocks as not', () => {
    expect(['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/7', '::/0', '::/1', '2000::/3'].map(isOpen)).toEqual([true, true, true, true, true, true, true]);
    expect(['10.0.0.0/8', '172.16.0.0/22', '2001:db8::/32'].map(isOpen)).toEqual([false, false, false]);
    expect(() => isOpen('${var.x}')).toThrow(/not a literal CIDR/);
  });
});

/** Every egress rule of every security group, with the tier of its group. */
function egressRules(stack: StackJson): Array<{ group: string; cidrs: string[]; prefixList?: string; peerGroup?: string; from: number; to: number }> {
  const groups = resourcesOfType(stack, 'aws_security_group');
  const tierOf = (id: string) => groups[Object.keys(groups).find((k) => `\${aws_security_group.${k}.id}` === id) ?? '']?.tags?.Tier ?? id;
  const out: Array<{ group: string; cidrs: string[]; prefixList?: string; peerGroup?: string; from: number; to: number }> = [];
  for (const g of Object.values(groups))
    for (const e of g.egress ?? []) out.push({ group: g.tags?.Tier, cidrs: [...(e.cidr_blocks ?? []), ...(e.ipv6_cidr_blocks ?? [])], from: e.from_port, to: e.to_port });
  for (const r of Object.values(resourcesOfType(stack, 'aws_vpc_security_group_egress_rule'))) {
    out.push({
      group: tierOf(r.security_group_id),
      cidrs: [r.cidr_ipv4, r.cidr_ipv6].filter(Boolean),
      prefixList: r.prefix_list_id,
      peerGroup: r.referenced_security_group_id,
      from: r.from_port,
      to: r.to_port,
    });
  }
  for (const r of Object.values(resourcesOfType(stack, 'aws_security_group_rule'))) {
    if (r.type === 'egress') out.push({ group: tierOf(r.security_group_id), cidrs: [...(r.cidr_blocks ?? []), ...(r.ipv6_cidr_blocks ?? [])], from: r.from_port, to: r.to_port });
  }
  return out;
}

describe('the network in every environment', () => {
  const { stacks } = synthApp();

  test('every environment stack has a VPC with four tiers and flow logs', () => {
    for (const env of ENVIRONMENTS) {
      expect(Object.keys(resourcesOfType(stacks[env], 'aws_vpc'))).toHaveLength(1);
      expect(new Set(Object.values(resourcesOfType(stacks[env], 'aws_subnet')).map((s) => s.tags.Tier))).toEqual(new Set(['public', 'app', 'data', 'management']));
      expect(Object.values(resourcesOfType(stacks[env], 'aws_flow_log'))).toEqual([expect.objectContaining({ traffic_type: 'ALL' })]);
    }
  });

  test("flow logs are encrypted with the environment's logs key; the network makes no key of its own", () => {
    for (const env of ENVIRONMENTS) {
      const keys = resourcesOfType(stacks[env], 'aws_kms_key');
      const logsKey = Object.keys(keys).find((k) => keys[k].description.startsWith('Rampart logs key'))!;
      expect(logsKey).toBeDefined();
      const groups = Object.values(resourcesOfType(stacks[env], 'aws_cloudwatch_log_group')).filter((g) => g.name.endsWith('vpc-flow-logs'));
      expect(groups).toEqual([expect.objectContaining({ kms_key_id: `\${aws_kms_key.${logsKey}.arn}`, retention_in_days: 90 })]);
      expect(Object.values(keys).filter((k) => /flow log/.test(k.description))).toEqual([]);
    }
  });

  test('no data-tier route table in any environment has a default route', () => {
    let checked = 0;
    for (const env of ENVIRONMENTS) {
      const stack = stacks[env];
      const tables = dataRouteTables(stack);
      expect(tables.length).toBeGreaterThan(0);
      const rts = resourcesOfType(stack, 'aws_route_table');
      for (const t of tables) {
        const name = t.replace(/^\$\{aws_route_table\.(.+)\.id\}$/, '$1');
        expect((rts[name].route ?? []).filter(isDefaultRoute)).toEqual([]);
        const routes = Object.values(resourcesOfType(stack, 'aws_route')).filter((r) => r.route_table_id === t);
        expect(routes.filter(isDefaultRoute)).toEqual([]);
        expect(routes.filter((r) => r.nat_gateway_id || r.gateway_id)).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(ENVIRONMENTS.length);
  });

  test('no security group in any stack admits an open block (0.0.0.0/0, ::/0, or anything wider than /8 or /32) except the alb on 443', () => {
    let albOpen = 0;
    let judged = 0;
    for (const [name, stack] of Object.entries(stacks)) {
      for (const rule of ingressRules(stack)) {
        judged += rule.cidrs.length;
        if (!rule.cidrs.some(isOpen)) continue;
        expect({ stack: name, group: rule.group, protocol: rule.protocol, from: rule.from, to: rule.to }).toEqual({ stack: name, group: 'alb', protocol: 'tcp', from: 443, to: 443 });
        albOpen++;
      }
    }
    expect(albOpen).toBe(ENVIRONMENTS.length);
    expect(judged).toBeGreaterThan(ENVIRONMENTS.length);
  });

  test('the same judge catches a config that splits the world in two for the management group: it is refused', () => {
    const c: RampartConfig = JSON.parse(JSON.stringify(defaultConfig));
    (c.environments[0] as any).network = { vpnCidrs: ['0.0.0.0/1'] };
    expect(() => synthApp(c)).toThrow(/managementCidrs\[0\].*\[SG_OPEN_INGRESS\]/);
  });

  test('by default no security group sends anything to an open block: AWS services go through the endpoints', () => {
    for (const env of ENVIRONMENTS) {
      const egress = egressRules(stacks[env]);
      expect(egress.length).toBeGreaterThan(0);
      expect(egress.filter((r) => r.cidrs.some(isOpen))).toEqual([]);
      // beyond the VPC, app and management reach only the gateway endpoints' prefix lists
      const vpcCidr = Object.values(resourcesOfType(stacks[env], 'aws_vpc'))[0].cidr_block;
      const outside = egress.filter((r) => !r.peerGroup && !(r.cidrs.length > 0 && r.cidrs.every((c) => c === vpcCidr)));
      const gatewayList = /^\$\{aws_vpc_endpoint\.[^.]+\.prefix_list_id\}$/;
      expect(outside.map((r) => [r.group, r.from, r.to, gatewayList.test(r.prefixList ?? '') ? 'gateway prefix list' : r.cidrs.join(',')]).sort()).toEqual([
        ['app', 443, 443, 'gateway prefix list'],
        ['app', 443, 443, 'gateway prefix list'],
        ['management', 443, 443, 'gateway prefix list'],
        ['management', 443, 443, 'gateway prefix list'],
      ]);
      expect(new Set(outside.map((r) => r.prefixList)).size).toBe(2);
    }
  });

  test('wide egress is an explicit config choice, reported as an opt-out', () => {
    const c: RampartConfig = JSON.parse(JSON.stringify(defaultConfig));
    (c.environments[0] as any).network = { appHttpsEgressCidrs: ['0.0.0.0/0'] };
    const { app } = buildApp(c, { outdir: tempDir('net-wide-egress') });
    const dev = app.node.findChild('dev');
    expect(collectOptOuts(dev).map((o) => o.id)).toContain('network.app-wide-egress');
    expect(collectOptOuts(app.node.findChild('prod')).map((o) => o.id)).not.toContain('network.app-wide-egress');
  });

  test('the data tier is consistent: its route table carries the gateway endpoints like every private one, but no endpoint admits it and its ACL opens no 443', () => {
    for (const env of ENVIRONMENTS) {
      const stack = stacks[env];
      const dataTables = new Set(dataRouteTables(stack));
      const gateways = Object.values(resourcesOfType(stack, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Gateway');
      expect(gateways).toHaveLength(2);
      for (const e of gateways) expect((e.route_table_ids as string[]).filter((t) => dataTables.has(t))).toEqual([...dataTables]);
      const dataCidrs = Object.values(resourcesOfType(stack, 'aws_subnet'))
        .filter((sn) => sn.tags.Tier === 'data')
        .map((sn) => sn.cidr_block);
      expect(dataCidrs.length).toBeGreaterThan(0);
      const inData = (cidr: string) => dataCidrs.some((d) => cidrsOverlap(parseCidr(d)!, parseCidr(cidr)!));
      const endpointSg = Object.keys(resourcesOfType(stack, 'aws_security_group')).find((k) => resourcesOfType(stack, 'aws_security_group')[k].tags.Tier === 'endpoint')!;
      const endpointIngress = Object.values(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule')).filter((r) => r.security_group_id === `\${aws_security_group.${endpointSg}.id}`);
      expect(endpointIngress.length).toBeGreaterThan(0);
      expect(endpointIngress.filter((r) => inData(r.cidr_ipv4))).toEqual([]);
      const acls = resourcesOfType(stack, 'aws_network_acl');
      const dataAcl = Object.keys(acls).find((k) => acls[k].tags.Tier === 'data')!;
      const dataRules = Object.values(resourcesOfType(stack, 'aws_network_acl_rule')).filter((r) => r.network_acl_id === `\${aws_network_acl.${dataAcl}.id}`);
      expect(dataRules.filter((r) => r.from_port === 443 || r.to_port === 443)).toEqual([]);
    }
  });

  test('no security group rule anywhere uses protocol "all"', () => {
    for (const stack of Object.values(stacks)) {
      for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
        expect(Object.values(resourcesOfType(stack, type)).filter((r) => String(r.ip_protocol) === '-1')).toEqual([]);
      }
    }
  });

  test('NAT comes from config: dev and staging one gateway, prod one per AZ', () => {
    expect(Object.keys(resourcesOfType(stacks.dev, 'aws_nat_gateway'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(stacks.staging, 'aws_nat_gateway'))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(stacks.prod, 'aws_nat_gateway'))).toHaveLength(3);
  });

  test('outputs: VPC id, subnet ids per tier, security group ids', () => {
    for (const env of ENVIRONMENTS) {
      const out = stacks[env].output!;
      expect(out.vpc_id.value).toMatch(/^\$\{aws_vpc\..*\.id\}$/);
      for (const tier of ['public', 'app', 'data', 'management']) expect(out[`${tier}_subnet_ids`].value).toHaveLength(env === 'prod' ? 3 : 2);
      expect(Object.keys(out.security_group_ids.value).sort()).toEqual(['alb', 'app', 'db', 'management']);
    }
  });

  test('the network is reachable on the stack for other modules', () => {
    const { stacks: built } = buildApp(defaultConfig, { outdir: tempDir('net-props') });
    const net = built.environments.prod.network;
    expect(net.vpc.azCount).toBe(3);
    expect(net.vpc.subnetIds('data')).toHaveLength(3);
    expect(net.vpc.vpcCidr).toBe('10.2.0.0/16');
    expect(typeof net.securityGroups.appSecurityGroupId).toBe('string');
    expect(net.costEstimate.natGateways.units).toBe(3);
  });

  test('config changes reach the network: NAT none, given zones, a deny list', () => {
    const c: RampartConfig = JSON.parse(JSON.stringify(defaultConfig));
    const policy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
    (c.environments[0] as any).network = {
      natMode: 'none',
      availabilityZones: ['eu-central-1a', 'eu-central-1b'],
      denyCidrs: ['203.0.113.0/24'],
      interfaceEndpoints: ['kms'],
      endpointPolicies: { kms: policy },
    };
    const dev = synthApp(c).stacks.dev;
    expect(resourcesOfType(dev, 'aws_nat_gateway')).toEqual({});
    expect(dev.data?.aws_availability_zones).toBeUndefined();
    expect(Object.values(resourcesOfType(dev, 'aws_network_acl_rule')).filter((r) => r.rule_action === 'deny')).toHaveLength(8);
    const iface = Object.values(resourcesOfType(dev, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(iface).toHaveLength(1);
    expect(JSON.parse(iface[0].policy)).toEqual(policy);
    // without NAT, the app gets no HTTPS egress beyond the VPC by default
    expect(Object.values(resourcesOfType(dev, 'aws_vpc_security_group_egress_rule')).filter((r) => r.cidr_ipv4 === '0.0.0.0/0')).toEqual([]);
  });
});
