import { config as defaultConfig } from '../../src/config/rampart.config';
import { RampartConfig } from '../../src/config/types';
import { buildApp } from '../../src/app';
import { StackJson, resourcesOfType, synthApp, tempDir } from '../helpers/synth';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

function isDefaultRoute(r: any): boolean {
  return r.destination_cidr_block === '0.0.0.0/0' || r.destination_ipv6_cidr_block === '::/0' || r.cidr_block === '0.0.0.0/0' || r.ipv6_cidr_block === '::/0';
}

/** Route tables associated with a data-tier subnet (found through the associations, not the tags). */
function dataRouteTables(stack: StackJson): string[] {
  const subnets = resourcesOfType(stack, 'aws_subnet');
  const dataSubnets = new Set(Object.keys(subnets).filter((k) => subnets[k].tags?.Tier === 'data').map((k) => `\${aws_subnet.${k}.id}`));
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
      for (const i of g.ingress ?? []) out.push({ where: `${type}.${name}`, cidrs: [...(i.cidr_blocks ?? []), ...(i.ipv6_cidr_blocks ?? [])], protocol: String(i.protocol), from: i.from_port, to: i.to_port, group: g.tags?.Tier ?? name });
    }
  }
  for (const [name, r] of Object.entries(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule'))) {
    out.push({ where: name, cidrs: [r.cidr_ipv4, r.cidr_ipv6].filter(Boolean), protocol: String(r.ip_protocol), from: r.from_port, to: r.to_port, group: tierOf(r.security_group_id) });
  }
  for (const [name, r] of Object.entries(resourcesOfType(stack, 'aws_security_group_rule'))) {
    if (r.type === 'ingress') out.push({ where: name, cidrs: [...(r.cidr_blocks ?? []), ...(r.ipv6_cidr_blocks ?? [])], protocol: String(r.protocol), from: r.from_port, to: r.to_port, group: tierOf(r.security_group_id) });
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

  test('flow logs are encrypted with the environment\'s logs key; the network makes no key of its own', () => {
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

  test('no security group in any stack admits 0.0.0.0/0 or ::/0 except the alb on 443', () => {
    let albOpen = 0;
    for (const [name, stack] of Object.entries(stacks)) {
      for (const rule of ingressRules(stack)) {
        if (!rule.cidrs.some((c) => c === '0.0.0.0/0' || c === '::/0')) continue;
        expect({ stack: name, group: rule.group, protocol: rule.protocol, from: rule.from, to: rule.to }).toEqual({ stack: name, group: 'alb', protocol: 'tcp', from: 443, to: 443 });
        albOpen++;
      }
    }
    expect(albOpen).toBe(ENVIRONMENTS.length);
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
    (c.environments[0] as any).network = { natMode: 'none', availabilityZones: ['eu-central-1a', 'eu-central-1b'], denyCidrs: ['203.0.113.0/24'], interfaceEndpoints: ['kms'] };
    const dev = synthApp(c).stacks.dev;
    expect(resourcesOfType(dev, 'aws_nat_gateway')).toEqual({});
    expect(dev.data?.aws_availability_zones).toBeUndefined();
    expect(Object.values(resourcesOfType(dev, 'aws_network_acl_rule')).filter((r) => r.rule_action === 'deny')).toHaveLength(8);
    expect(Object.values(resourcesOfType(dev, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(1);
    // without NAT, the app gets no HTTPS egress beyond the VPC by default
    expect(Object.values(resourcesOfType(dev, 'aws_vpc_security_group_egress_rule')).filter((r) => r.cidr_ipv4 === '0.0.0.0/0')).toEqual([]);
  });
});
