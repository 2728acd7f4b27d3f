import { RampartValidationError } from '@rampart/core';
import { TieredVpc, TieredVpcProps } from '@rampart/network';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, ref, thrown } from './helpers';

const vpc = (props: Partial<TieredVpcProps> = {}) => build((s) => new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16', ...props }));

function routesOf(json: any, tableName: string): any[] {
  return Object.values(resourcesOfType(json, 'aws_route')).filter((r: any) => r.route_table_id === ref('aws_route_table', tableName));
}

describe('TieredVpc', () => {
  test('defaults: four tiers over two AZs, DNS on, no public IPs on launch, no NAT', () => {
    const { json, result } = vpc();
    const v = Object.values(resourcesOfType(json, 'aws_vpc'))[0];
    expect(v).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    const subnets = Object.values(resourcesOfType(json, 'aws_subnet'));
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.10.0/24', '10.0.11.0/24', '10.0.20.0/24', '10.0.21.0/24', '10.0.30.0/24', '10.0.31.0/24'].sort());
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(resourcesOfType(json, 'aws_nat_gateway')).toEqual({});
    expect(resourcesOfType(json, 'aws_eip')).toEqual({});
    expect(result.natMode).toBe('none');
    expect(result.subnetIds('app')).toHaveLength(2);
    expect(result.subnetCidrs('data')).toEqual(['10.0.20.0/24', '10.0.21.0/24']);
  });

  test('availability zones come from the data source by index', () => {
    const { json } = vpc({ azCount: 3 });
    expect(Object.values(json.data!.aws_availability_zones)[0]).toMatchObject({ state: 'available' });
    const zones = Object.values(resourcesOfType(json, 'aws_subnet')).map((s) => s.availability_zone);
    expect(zones).toHaveLength(12);
    expect([...new Set(zones.map((z) => z.replace(/aws_availability_zones\.[A-Za-z0-9_]+\./, 'aws_availability_zones.Z.')))].sort()).toEqual(
      [0, 1, 2].map((i) => `\${element(data.aws_availability_zones.Z.names, ${i})}`),
    );
  });

  test('or from given zone names, without a data source', () => {
    const { json } = vpc({ availabilityZones: ['eu-central-1a', 'eu-central-1b'] });
    expect(json.data?.aws_availability_zones).toBeUndefined();
    const subnets = Object.values(resourcesOfType(json, 'aws_subnet'));
    expect(subnets.filter((s) => s.tags.Name.endsWith('-0')).map((s) => s.availability_zone)).toEqual(['eu-central-1a', 'eu-central-1a', 'eu-central-1a', 'eu-central-1a']);
    expect(subnets.filter((s) => s.tags.Name.endsWith('-1')).every((s) => s.availability_zone === 'eu-central-1b')).toBe(true);
  });

  test('public routes to the internet gateway; data has no routes at all', () => {
    const { json, result } = vpc({ natMode: 'single' });
    const igw = Object.keys(resourcesOfType(json, 'aws_internet_gateway'));
    expect(igw).toHaveLength(1);
    const tables = resourcesOfType(json, 'aws_route_table');
    const publicRt = Object.keys(tables).find((k) => tables[k].tags.Tier === 'public')!;
    expect(routesOf(json, publicRt)).toEqual([expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway', igw[0]) })]);
    const dataRts = Object.keys(tables).filter((k) => tables[k].tags.Tier === 'data');
    expect(dataRts).toHaveLength(1);
    expect(tables[dataRts[0]].route).toBeUndefined();
    expect(routesOf(json, dataRts[0])).toEqual([]);
    expect(result.hasInternetRoute('data')).toBe(false);
    expect(result.hasInternetRoute('app')).toBe(true);
  });

  test.each([
    ['none', 0],
    ['single', 1],
    ['per-az', 3],
  ] as const)('natMode %s creates %i NAT gateways, each with an EIP in a public subnet', (natMode, count) => {
    const { json } = vpc({ natMode, azCount: 3 });
    const nats = Object.values(resourcesOfType(json, 'aws_nat_gateway'));
    expect(nats).toHaveLength(count);
    expect(Object.keys(resourcesOfType(json, 'aws_eip'))).toHaveLength(count);
    const subnets = resourcesOfType(json, 'aws_subnet');
    for (const n of nats) {
      const subnet = Object.keys(subnets).find((k) => ref('aws_subnet', k) === n.subnet_id)!;
      expect(subnets[subnet].tags.Tier).toBe('public');
    }
  });

  test('per-az: each app route table uses the NAT gateway of its own AZ; single: all share one', () => {
    const perAz = vpc({ natMode: 'per-az', azCount: 2 }).json;
    const natRoutes = Object.values(resourcesOfType(perAz, 'aws_route')).filter((r) => r.nat_gateway_id);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(2);
    const single = vpc({ natMode: 'single', azCount: 2 }).json;
    const singleRoutes = Object.values(resourcesOfType(single, 'aws_route')).filter((r) => r.nat_gateway_id);
    expect(singleRoutes).toHaveLength(2);
    expect(new Set(singleRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  test('management uses NAT only when managementNat is on', () => {
    const tierOfRoute = (json: any) => {
      const tables = resourcesOfType(json, 'aws_route_table');
      return Object.values(resourcesOfType(json, 'aws_route'))
        .filter((r: any) => r.nat_gateway_id)
        .map((r: any) => tables[Object.keys(tables).find((k) => ref('aws_route_table', k) === r.route_table_id)!].tags.Tier);
    };
    expect(tierOfRoute(vpc({ natMode: 'single' }).json).sort()).toEqual(['app', 'app']);
    expect(tierOfRoute(vpc({ natMode: 'single', managementNat: true }).json).sort()).toEqual(['app', 'app', 'management', 'management']);
  });

  test('without the public tier there is no internet gateway', () => {
    const { json, result } = vpc({ tiers: ['app', 'data', 'management'] });
    expect(resourcesOfType(json, 'aws_internet_gateway')).toEqual({});
    expect(resourcesOfType(json, 'aws_route')).toEqual({});
    expect(result.subnetIds('public')).toEqual([]);
  });

  test('the default security group and default NACL are adopted with no rules', () => {
    const { json } = vpc();
    const sg = Object.values(resourcesOfType(json, 'aws_default_security_group'))[0];
    expect(sg.vpc_id).toMatch(/aws_vpc\..*\.id/);
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    const acl = Object.values(resourcesOfType(json, 'aws_default_network_acl'))[0];
    expect(acl.default_network_acl_id).toMatch(/default_network_acl_id/);
    expect(acl.ingress).toBeUndefined();
    expect(acl.egress).toBeUndefined();
  });

  test('every subnet is associated with a route table of its own tier', () => {
    const { json } = vpc({ natMode: 'per-az', azCount: 3 });
    const subnets = resourcesOfType(json, 'aws_subnet');
    const tables = resourcesOfType(json, 'aws_route_table');
    const assoc = Object.values(resourcesOfType(json, 'aws_route_table_association'));
    expect(assoc).toHaveLength(12);
    for (const a of assoc) {
      const s = Object.keys(subnets).find((k) => ref('aws_subnet', k) === a.subnet_id)!;
      const t = Object.keys(tables).find((k) => ref('aws_route_table', k) === a.route_table_id)!;
      expect(tables[t].tags.Tier).toBe(subnets[s].tags.Tier);
    }
  });

  const errors: Array<[string, Partial<TieredVpcProps>, string, string]> = [
    ['NAT without a public tier', { natMode: 'single', tiers: ['app', 'data'] }, 'NAT_NEEDS_PUBLIC_TIER', 'TieredVpcProps.natMode'],
    ['management NAT without NAT', { managementNat: true }, 'NAT_REQUIRED', 'TieredVpcProps.managementNat'],
    ['management NAT without the management tier', { natMode: 'single', managementNat: true, tiers: ['public', 'app', 'data'] }, 'TIER_ABSENT', 'TieredVpcProps.managementNat'],
    ['unknown NAT mode', { natMode: 'double' as never }, 'ENUM', 'TieredVpcProps.natMode'],
    ['zone count not matching azCount', { availabilityZones: ['eu-central-1a'] }, 'COUNT_MISMATCH', 'TieredVpcProps.availabilityZones'],
    ['malformed zone name', { availabilityZones: ['eu-central-1a', 'zone b'] }, 'AZ_NAME', 'TieredVpcProps.availabilityZones[1]'],
    ['a zone listed twice', { availabilityZones: ['eu-central-1a', 'eu-central-1a'] }, 'DUPLICATE', 'TieredVpcProps.availabilityZones[1]'],
    ['AZ count out of range', { azCount: 7 }, 'OUT_OF_RANGE', 'TieredVpcProps.azCount'],
    ['VPC mask out of range', { cidr: '10.0.0.0/12' }, 'CIDR_MASK', 'TieredVpcProps.cidr'],
  ];
  test.each(errors)('rejects %s before creating anything', (_t, props, code, path) => {
    let created = 0;
    const e = thrown(() =>
      build((s) => {
        try {
          return new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16', ...props });
        } finally {
          created = s.node.findAll().filter((c) => 'terraformResourceType' in c).length;
        }
      }),
    );
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
    expect(created).toBe(1); // only the test stack's provider
  });
});
