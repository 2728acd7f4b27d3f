import { collectOptOuts } from '@rampart/core';
import { NetworkBaseline } from '@rampart/network';
import { resourcesOfType } from '../helpers/synth';
import { NAMES, build } from './helpers';

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
          flowLogKey: { keyArn: 'arn:aws:kms:eu-west-1:333333333333:key/k', keyId: 'k', purpose: 'logs' },
          flowLogRetentionInDays: 180,
        }),
    );
    expect(Object.keys(resourcesOfType(json, 'aws_vpc'))).toHaveLength(1);
    expect(resourcesOfType(json, 'aws_kms_key')).toEqual({});
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group'))[0]).toMatchObject({ retention_in_days: 180, kms_key_id: 'arn:aws:kms:eu-west-1:333333333333:key/k' });
    // the db port reaches both the security groups and the data-tier NACL
    expect(Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter((r) => r.from_port === 3306)).toHaveLength(1);
    expect(Object.values(resourcesOfType(json, 'aws_network_acl_rule')).filter((r) => r.from_port === 3306 && !r.egress)).toHaveLength(1);
    expect(Object.values(resourcesOfType(json, 'aws_vpc_endpoint')).map((e) => e.service_name).sort()).toEqual([
      'com.amazonaws.eu-west-1.dynamodb',
      'com.amazonaws.eu-west-1.kms',
      'com.amazonaws.eu-west-1.s3',
    ]);
    // eu-west-1: 1 × 0.048 × 730 + 1 × 2 × 0.011 × 730 + 1 × 0.005 × 730 = 35.04 + 16.06 + 3.65
    expect(result.costEstimate.total).toBe(54.75);
  });

  test('the HTTP redirect opt-out is reported by both the security groups and the NACLs', () => {
    const { stack } = build((s) => new NetworkBaseline(s, 'network', { names: NAMES, region: 'eu-central-1', cidr: '10.5.0.0/16', allowHttpRedirect: true }));
    expect(collectOptOuts(stack).map((o) => o.id).sort()).toEqual(['network.alb-http-redirect', 'network.nacl-http-redirect']);
  });
});
