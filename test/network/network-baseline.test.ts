import { kmsKeyReference } from '@rampart/core';
import { collectOptOuts } from '@rampart/core';
import { NetworkBaseline, NetworkBaselineProps } from '@rampart/network';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build, thrown } from './helpers';

function baseline(props: Partial<NetworkBaselineProps> = {}) {
  return build((s) => new NetworkBaseline(s, 'network', { names: NAMES, region: 'eu-central-1', cidr: '10.5.0.0/16', ...props }));
}

/** Egress rules of one tier's security group, by peer. */
function egressOf(json: any, tier: string): string[] {
  const sgs = resourcesOfType(json, 'aws_security_group');
  const name = Object.keys(sgs).find((k) => sgs[k].tags.Tier === tier)!;
  return Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'))
    .filter((r) => r.security_group_id === `\${aws_security_group.${name}.id}`)
    .map((r) => `${r.from_port}:${r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id}`);
}

describe('NetworkBaseline', () => {
  test('composes the pieces and passes the shared settings to each', () => {
    const { json, result } = build(
      (s) =>
        new NetworkBaseline(s, 'network', {
          names: NAMES,
          region: 'eu-west-1',
          cidr: '10.5.0.0/16',
          azCount: 2,
          natMode: 'single',
          appPort: 9000,
          dbPort: 3306,
          vpnCidrs: ['172.16.0.0/22'],
          interfaceEndpoints: ['kms'],
          flowLogKey: kmsKeyReference({ keyArn: 'arn:aws:kms:eu-west-1:333333333333:key/k', keyId: 'k', purpose: 'logs' }),
          flowLogRetentionInDays: 180,
        }),
    );
    expect(Object.keys(resourcesOfType(json, 'aws_vpc'))).toHaveLength(1);
    expect(resourcesOfType(json, 'aws_kms_key')).toEqual({});
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group'))[0]).toMatchObject({ retention_in_days: 180, kms_key_id: 'arn:aws:kms:eu-west-1:333333333333:key/k' });
    // the db port reaches both the security groups and the data-tier NACL
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter((r) => r.from_port === 3306)).toHaveLength(1);
    expect(Object.values(resourcesOfType(json, 'aws_network_acl_rule')).filter((r) => r.from_port === 3306 && !r.egress)).toHaveLength(1);
    expect(
      Object.values(resourcesOfType(json, 'aws_vpc_endpoint'))
        .map((e) => e.service_name)
        .sort(),
    ).toEqual(['com.amazonaws.eu-west-1.dynamodb', 'com.amazonaws.eu-west-1.kms', 'com.amazonaws.eu-west-1.s3']);
    // eu-west-1: 1 × 0.048 × 730 + 1 × 2 × 0.011 × 730 + 1 × 0.005 × 730 = 35.04 + 16.06 + 3.65
    expect(result.costEstimate.total).toBe(54.75);
  });

  test('the HTTP redirect opt-out is reported by both the security groups and the NACLs', () => {
    const { stack } = build((s) => new NetworkBaseline(s, 'network', { names: NAMES, region: 'eu-central-1', cidr: '10.5.0.0/16', allowHttpRedirect: true }));
    expect(
      collectOptOuts(stack)
        .map((o) => o.id)
        .sort(),
    ).toEqual(['network.alb-http-redirect', 'network.nacl-http-redirect']);
  });

  test('app and management reach each gateway endpoint on 443 through its prefix list; the NACLs let that traffic pass', () => {
    const { json } = baseline({ natMode: 'none' });
    const endpoints = resourcesOfType(json, 'aws_vpc_endpoint');
    const gateways = Object.keys(endpoints).filter((k) => endpoints[k].vpc_endpoint_type === 'Gateway');
    expect(gateways).toHaveLength(2);
    for (const tier of ['app', 'management']) {
      for (const g of gateways) expect(egressOf(json, tier)).toContain(`443:\${aws_vpc_endpoint.${g}.prefix_list_id}`);
    }
    expect(egressOf(json, 'db')).toEqual([]);
    // without NAT, the app ACL's only openings beyond the VPC are HTTPS out and its replies, for the gateway endpoints
    const acls = resourcesOfType(json, 'aws_network_acl');
    const app = Object.keys(acls).find((k) => acls[k].tags.Tier === 'app')!;
    const wide = Object.values(resourcesOfType(json, 'aws_network_acl_rule'))
      .filter((r) => r.network_acl_id === `\${aws_network_acl.${app}.id}` && r.cidr_block === '0.0.0.0/0')
      .map((r) => [r.egress, r.from_port, r.to_port]);
    expect(wide.sort()).toEqual([
      [false, 1024, 3388],
      [false, 3390, 65535],
      [true, 443, 443],
    ]);
  });

  test("no gateway endpoints: no prefix-list egress, and no private tier's ACL opens to the outside without NAT", () => {
    const { json } = baseline({ natMode: 'none', gatewayEndpoints: [] });
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule')).filter((r) => r.prefix_list_id)).toEqual([]);
    const acls = resourcesOfType(json, 'aws_network_acl');
    const privateAcls = Object.keys(acls)
      .filter((k) => acls[k].tags.Tier !== 'public')
      .map((k) => `\${aws_network_acl.${k}.id}`);
    expect(privateAcls).toHaveLength(3);
    expect(Object.values(resourcesOfType(json, 'aws_network_acl_rule')).filter((r) => privateAcls.includes(r.network_acl_id) && r.cidr_block === '0.0.0.0/0')).toEqual([]);
  });

  test("management NAT is paired with the management group's egress beyond the VPC", () => {
    const { json } = baseline({ natMode: 'single', managementNat: true, managementHttpsEgressCidrs: ['198.51.100.0/24'] });
    expect(egressOf(json, 'management')).toContain('443:198.51.100.0/24');
    expect(Object.values(resourcesOfType(json, 'aws_route')).filter((r) => r.nat_gateway_id)).toHaveLength(4);
    const e = thrown(() => baseline({ natMode: 'single', managementNat: true }));
    expect({ code: e.code, path: e.path }).toEqual({ code: 'NAT_UNUSED', path: 'NetworkBaselineProps.managementNat' });
  });

  test('endpoint policies pass through to the endpoints', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    const { json } = baseline({ endpointPolicies: { s3: policy } });
    const s3 = Object.values(resourcesOfType(json, 'aws_vpc_endpoint')).find((e) => e.service_name.endsWith('.s3'))!;
    expect(JSON.parse(s3.policy)).toEqual(JSON.parse(policy));
  });
});
