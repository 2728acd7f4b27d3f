import { RampartValidationError } from '@rampart/core';
import { DEFAULT_INTERFACE_ENDPOINTS, TieredVpc, TieredVpcProps, VpcEndpoints, VpcEndpointsProps } from '@rampart/network';
import { TerraformOutput } from 'cdktf';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, thrown } from './helpers';

function endpoints(props: Partial<VpcEndpointsProps> = {}, vpcProps: Partial<TieredVpcProps> = {}) {
  return build((s) => {
    const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16', azCount: 3, ...vpcProps });
    return new VpcEndpoints(s, 'endpoints', { network: net, names: NAMES, region: 'eu-central-1', ...props });
  });
}

const tierOfTable = (json: any, refText: string) => {
  const tables = resourcesOfType(json, 'aws_route_table');
  return tables[Object.keys(tables).find((k) => `\${aws_route_table.${k}.id}` === refText)!].tags.Tier;
};

describe('VpcEndpoints', () => {
  test('S3 and DynamoDB gateway endpoints sit on the app and management route tables, not the data or public ones', () => {
    const { json, result } = endpoints();
    const gateways = Object.values(resourcesOfType(json, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(gateways.map((g) => g.service_name).sort()).toEqual(['com.amazonaws.eu-central-1.dynamodb', 'com.amazonaws.eu-central-1.s3']);
    for (const g of gateways) {
      // app and management: one table per AZ (3 each); the data tier calls no endpoint
      expect(g.route_table_ids).toHaveLength(6);
      expect(g.route_table_ids.map((r: string) => tierOfTable(json, r)).sort()).toEqual(['app', 'app', 'app', 'management', 'management', 'management']);
    }
    expect(result.gatewayRouteTiers).toEqual(['app', 'management']);
    expect(endpoints({ gatewayEndpoints: [] }).result.gatewayRouteTiers).toEqual([]);
    expect(endpoints({}, { tiers: ['public', 'app', 'data'] }).result.gatewayRouteTiers).toEqual(['app']);
  });

  test('the default interface endpoints sit in the app tier with private DNS', () => {
    const { json } = endpoints();
    const iface = Object.values(resourcesOfType(json, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(iface.map((e) => e.service_name).sort()).toEqual(DEFAULT_INTERFACE_ENDPOINTS.map((s) => `com.amazonaws.eu-central-1.${s}`).sort());
    // ssmmessages and ec2messages: Session Manager needs them besides ssm
    expect(DEFAULT_INTERFACE_ENDPOINTS).toEqual(['kms', 'secretsmanager', 'ssm', 'ssmmessages', 'ec2messages', 'logs', 'sts', 'ecr.api', 'ecr.dkr']);
    const subnets = resourcesOfType(json, 'aws_subnet');
    for (const e of iface) {
      expect(e.private_dns_enabled).toBe(true);
      expect(e.subnet_ids).toHaveLength(3);
      for (const id of e.subnet_ids) expect(subnets[Object.keys(subnets).find((k) => `\${aws_subnet.${k}.id}` === id)!].tags.Tier).toBe('app');
      expect(e.security_group_ids).toHaveLength(1);
      expect(e.policy).toBeUndefined();
    }
  });

  test('the endpoint security group admits 443 from the app and management tiers only (not data)', () => {
    const { json } = endpoints();
    const rules = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'));
    expect(rules.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ['tcp', 443, 443, '10.0.10.0/23'],
      ['tcp', 443, 443, '10.0.12.0/24'],
      ['tcp', 443, 443, '10.0.30.0/23'],
      ['tcp', 443, 443, '10.0.32.0/24'],
    ]);
    expect(resourcesOfType(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  test('a configured list, an optional policy, and the region from the provider when none is given', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] });
    const { json } = build((s) => {
      const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
      return new VpcEndpoints(s, 'endpoints', { network: net, names: NAMES, interfaceEndpoints: ['kms'], gatewayEndpoints: ['s3'], policies: { kms: policy } });
    });
    const all = Object.values(resourcesOfType(json, 'aws_vpc_endpoint'));
    expect(all).toHaveLength(2);
    const kms = all.find((e) => e.vpc_endpoint_type === 'Interface')!;
    expect(kms.service_name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\..*\.name\}\.kms$/);
    expect(JSON.parse(kms.policy)).toEqual(JSON.parse(policy));
  });

  test('each gateway endpoint exposes its prefix list id for security group rules', () => {
    const { result } = endpoints();
    expect(Object.keys(result.gatewayPrefixListIds).sort()).toEqual(['dynamodb', 's3']);
    const { json } = build((s) => {
      const net = new TieredVpc(s, 'net', { names: NAMES, cidr: '10.0.0.0/16' });
      const e = new VpcEndpoints(s, 'endpoints', { network: net, names: NAMES, region: 'eu-central-1', interfaceEndpoints: [] });
      new TerraformOutput(s, 'pl', { value: e.gatewayPrefixListIds });
      return e;
    });
    const endpointsJson = resourcesOfType(json, 'aws_vpc_endpoint');
    const s3 = Object.keys(endpointsJson).find((k) => endpointsJson[k].service_name.endsWith('.s3'))!;
    expect(json.output!.pl.value.s3).toBe(`\${aws_vpc_endpoint.${s3}.prefix_list_id}`);
  });

  test('no interface endpoints: no endpoint security group', () => {
    const { json, result } = endpoints({ interfaceEndpoints: [] });
    expect(resourcesOfType(json, 'aws_security_group')).toEqual({});
    expect(result.securityGroup).toBeUndefined();
  });

  const errors: Array<[string, Partial<VpcEndpointsProps>, string, string]> = [
    ['a malformed service name', { interfaceEndpoints: ['kms', 'ECR API'] }, 'ENDPOINT_SERVICE', 'VpcEndpointsProps.interfaceEndpoints[1]'],
    ['a duplicate service', { interfaceEndpoints: ['kms', 'kms'] }, 'DUPLICATE', 'VpcEndpointsProps.interfaceEndpoints[1]'],
    ['an unknown gateway service', { gatewayEndpoints: ['sqs' as never] }, 'ENUM', 'VpcEndpointsProps.gatewayEndpoints[0]'],
    ['a duplicate gateway service', { gatewayEndpoints: ['s3', 's3'] }, 'DUPLICATE', 'VpcEndpointsProps.gatewayEndpoints[1]'],
    ['an interface endpoint for a service that has a gateway endpoint', { interfaceEndpoints: ['s3'] }, 'DUPLICATE', 'VpcEndpointsProps.interfaceEndpoints[0]'],
    ['a policy for no endpoint', { policies: { sns: '{}' } }, 'UNKNOWN_FIELD', 'VpcEndpointsProps.policies.sns'],
    ['a policy that is not JSON', { policies: { kms: 'allow all' } }, 'POLICY_JSON', 'VpcEndpointsProps.policies.kms'],
    ['a policy that is JSON but not an object', { policies: { s3: '["Allow"]' } }, 'POLICY_JSON', 'VpcEndpointsProps.policies.s3'],
    ['a policy that is a JSON string', { policies: { kms: '"x"' } }, 'POLICY_JSON', 'VpcEndpointsProps.policies.kms'],
    ['an unknown region', { region: 'eu-nowhere-1' }, 'REGION_UNKNOWN', 'VpcEndpointsProps.region'],
  ];
  test.each(errors)('rejects %s', (_t, props, code, path) => {
    const e = thrown(() => endpoints(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });
});
