import { RampartValidationError } from '@rampart/core';
import { DEFAULT_INTERFACE_ENDPOINTS, HOURS_PER_MONTH, NETWORK_PRICE_TABLE, estimateNetworkMonthlyCost, formatNetworkCost, natGatewayCount } from '@rampart/network';
import { thrown } from './helpers';

describe('network cost estimate', () => {
  test('NAT gateways + interface endpoints × AZs + one public IPv4 per NAT, for 730 hours', () => {
    // the default endpoint list (9 services, with ssmmessages and ec2messages) over 3 AZs, one NAT per AZ
    expect(DEFAULT_INTERFACE_ENDPOINTS).toHaveLength(9);
    const e = estimateNetworkMonthlyCost({ region: 'eu-central-1', azCount: 3, natGateways: 3, interfaceEndpoints: DEFAULT_INTERFACE_ENDPOINTS.length });
    // 3 × 0.052 × 730 = 113.88; 9 × 3 × 0.012 × 730 = 236.52; 3 × 0.005 × 730 = 10.95
    expect(e.natGateways).toEqual({ units: 3, monthly: 113.88 });
    expect(e.interfaceEndpoints).toEqual({ units: 27, monthly: 236.52 });
    expect(e.publicIps).toEqual({ units: 3, monthly: 10.95 });
    expect(e.total).toBe(361.35);
    expect(e.priceRow).toBe('eu-central-1');
    expect(HOURS_PER_MONTH).toBe(730);
  });

  test('no NAT and no interface endpoints cost nothing', () => {
    expect(estimateNetworkMonthlyCost({ region: 'us-east-1', azCount: 2, natGateways: 0, interfaceEndpoints: 0 }).total).toBe(0);
  });

  test('a region missing from the table uses the default row and says so', () => {
    const e = estimateNetworkMonthlyCost({ region: 'ap-south-2', azCount: 2, natGateways: 1, interfaceEndpoints: 1 });
    expect(e.priceRow).toBe('default');
    const d = NETWORK_PRICE_TABLE.default;
    expect(e.total).toBe(Math.round((d.natGateway + 2 * d.interfaceEndpointPerAz + d.publicIpv4) * 730 * 100) / 100);
    expect(formatNetworkCost('x', e)).toMatch(/region not in the price table/);
  });

  test('a price table can be passed in', () => {
    const e = estimateNetworkMonthlyCost({ region: 'r', azCount: 2, natGateways: 1, interfaceEndpoints: 2, publicIps: 0 }, { default: { natGateway: 1, interfaceEndpointPerAz: 0.5, publicIpv4: 9 } });
    expect(e.total).toBe(730 + 2 * 2 * 0.5 * 730);
  });

  test('NAT gateways per mode', () => {
    expect([natGatewayCount('none', 3), natGatewayCount('single', 3), natGatewayCount('per-az', 3)]).toEqual([0, 1, 3]);
  });

  test('one readable line', () => {
    const e = estimateNetworkMonthlyCost({ region: 'eu-central-1', azCount: 2, natGateways: 1, interfaceEndpoints: DEFAULT_INTERFACE_ENDPOINTS.length });
    // 1 × 0.052 × 730 = 37.96; 9 × 2 × 0.012 × 730 = 157.68; 1 × 0.005 × 730 = 3.65
    expect(formatNetworkCost('dev', e)).toBe('dev: estimated network fixed cost $199.29/month in eu-central-1 (1 NAT gateway $37.96, 18 interface endpoint-AZs $157.68, 1 public IPv4 address $3.65)');
  });

  test('rejects impossible counts', () => {
    const noDefault = thrown(() => estimateNetworkMonthlyCost({ region: 'r', azCount: 2, natGateways: 0, interfaceEndpoints: 0 }, {}));
    expect({ code: noDefault.code, path: noDefault.path }).toEqual({ code: 'PRICE_TABLE', path: 'table.default' });
    const e = thrown(() => estimateNetworkMonthlyCost({ region: 'eu-central-1', azCount: 2, natGateways: 1, interfaceEndpoints: -1 }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e.path).toBe('NetworkCostInput.interfaceEndpoints');
  });
});
