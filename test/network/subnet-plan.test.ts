import { Fn } from 'cdktf';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { planSubnets, summarizeCidrs } from '@rampart/network';
import { thrown } from './helpers';

describe('planSubnets', () => {
  test('a /16 over two AZs follows the seed layout', () => {
    const plan = planSubnets({ vpcCidr: '10.0.0.0/16', azCount: 2 });
    expect(plan.cidrs).toEqual({
      public: ['10.0.0.0/24', '10.0.1.0/24'],
      app: ['10.0.10.0/24', '10.0.11.0/24'],
      data: ['10.0.20.0/24', '10.0.21.0/24'],
      management: ['10.0.30.0/24', '10.0.31.0/24'],
    });
    expect(plan.subnets).toHaveLength(8);
    expect(plan.subnets[2]).toEqual({ tier: 'app', az: 0, cidr: '10.0.10.0/24' });
  });

  test('is deterministic and follows the VPC base address and AZ count', () => {
    const a = planSubnets({ vpcCidr: '10.2.0.0/16', azCount: 6 });
    expect(planSubnets({ vpcCidr: '10.2.0.0/16', azCount: 6 })).toEqual(a);
    expect(a.cidrs.data).toEqual(['10.2.20.0/24', '10.2.21.0/24', '10.2.22.0/24', '10.2.23.0/24', '10.2.24.0/24', '10.2.25.0/24']);
    expect(a.cidrs.management[5]).toBe('10.2.35.0/24');
  });

  test('a /20 keeps the seed offsets with /28 subnets', () => {
    const plan = planSubnets({ vpcCidr: '10.4.16.0/20', azCount: 3 });
    expect(plan.cidrs.public).toEqual(['10.4.16.0/28', '10.4.16.16/28', '10.4.16.32/28']);
    expect(plan.cidrs.app[0]).toBe('10.4.16.160/28');
  });

  test('a VPC too small for the seed offsets packs the tiers one after another', () => {
    const plan = planSubnets({ vpcCidr: '10.9.0.0/24', azCount: 2 });
    expect(plan.cidrs).toEqual({
      public: ['10.9.0.0/28', '10.9.0.16/28'],
      app: ['10.9.0.32/28', '10.9.0.48/28'],
      data: ['10.9.0.64/28', '10.9.0.80/28'],
      management: ['10.9.0.96/28', '10.9.0.112/28'],
    });
  });

  test('tiers can be left out (app and data always stay)', () => {
    const plan = planSubnets({ vpcCidr: '10.0.0.0/16', azCount: 2, tiers: ['app', 'data'] });
    expect(plan.tiers).toEqual(['app', 'data']);
    expect(plan.cidrs.public).toEqual([]);
    expect(plan.cidrs.app).toEqual(['10.0.10.0/24', '10.0.11.0/24']);
  });

  test('per-tier overrides: explicit CIDRs, or a mask and offset', () => {
    const plan = planSubnets({
      vpcCidr: '10.0.0.0/16',
      azCount: 2,
      layout: { app: { subnetMask: 20, offset: 4 }, data: { cidrs: ['10.0.200.0/26', '10.0.200.64/26'] } },
    });
    expect(plan.cidrs.app).toEqual(['10.0.64.0/20', '10.0.80.0/20']);
    expect(plan.cidrs.data).toEqual(['10.0.200.0/26', '10.0.200.64/26']);
    expect(plan.cidrs.public).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
  });

  const errors: Array<[string, Parameters<typeof planSubnets>[0], string, string]> = [
    ['AZ count below 2', { vpcCidr: '10.0.0.0/16', azCount: 1, path: 'vpc' }, 'OUT_OF_RANGE', 'vpc.azCount'],
    ['AZ count above 6', { vpcCidr: '10.0.0.0/16', azCount: 7 }, 'OUT_OF_RANGE', 'azCount'],
    ['VPC mask below /16', { vpcCidr: '10.0.0.0/15', azCount: 2 }, 'CIDR_MASK', 'vpcCidr'],
    ['VPC mask above /28', { vpcCidr: '10.0.0.0/29', azCount: 2 }, 'CIDR_MASK', 'vpcCidr'],
    ['VPC CIDR with host bits', { vpcCidr: '10.0.1.0/16', azCount: 2 }, 'CIDR_HOST_BITS', 'vpcCidr'],
    ['subnet mask above /28', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { app: { subnetMask: 29 } } }, 'CIDR_MASK', 'layout.app.subnetMask'],
    ['subnet mask larger than the VPC', { vpcCidr: '10.0.0.0/20', azCount: 2, layout: { app: { subnetMask: 16 } } }, 'CIDR_MASK', 'layout.app.subnetMask'],
    ['explicit subnet mask outside /16-/28', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { cidrs: ['10.0.40.0/29', '10.0.40.8/29'] } } }, 'CIDR_MASK', 'layout.data.cidrs[0]'],
    ['VPC too small for the plan', { vpcCidr: '10.0.0.0/24', azCount: 6 }, 'CIDR_TOO_SMALL', 'vpcCidr'],
    ['offset past the end of the VPC', { vpcCidr: '10.0.0.0/16', azCount: 3, layout: { management: { offset: 254 } } }, 'CIDR_TOO_SMALL', 'layout.management'],
    ['subnet outside the VPC', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { cidrs: ['10.1.0.0/24', '10.0.41.0/24'] } } }, 'CIDR_OUTSIDE_VPC', 'layout.data.cidrs[0]'],
    ['wrong number of explicit subnets', { vpcCidr: '10.0.0.0/16', azCount: 3, layout: { data: { cidrs: ['10.0.40.0/24'] } } }, 'COUNT_MISMATCH', 'layout.data.cidrs'],
    ['overlapping subnets', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { cidrs: ['10.0.11.0/24', '10.0.40.0/24'] } } }, 'CIDR_OVERLAP', 'layout.data.cidrs[0]'],
    ['overlap from a shifted offset', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { offset: 11 } } }, 'CIDR_OVERLAP', 'layout.data[0]'],
    ['app tier missing', { vpcCidr: '10.0.0.0/16', azCount: 2, tiers: ['public', 'data'] }, 'REQUIRED', 'tiers'],
    ['unknown tier', { vpcCidr: '10.0.0.0/16', azCount: 2, tiers: ['app', 'data', 'dmz' as never] }, 'ENUM', 'tiers[2]'],
    ['layout for an absent tier', { vpcCidr: '10.0.0.0/16', azCount: 2, tiers: ['app', 'data'], layout: { public: { offset: 3 } } }, 'UNKNOWN_FIELD', 'layout.public'],
    ['a tier listed twice', { vpcCidr: '10.0.0.0/16', azCount: 2, tiers: ['app', 'data', 'app'] }, 'DUPLICATE', 'tiers[2]'],
    ['explicit CIDRs together with a mask', { vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { cidrs: ['10.0.40.0/24', '10.0.41.0/24'], subnetMask: 24 } } }, 'CONFLICT', 'layout.data.cidrs'],
    ['a VPC CIDR only Terraform knows', { vpcCidr: Fn.cidrsubnet('10.0.0.0/8', 8, 1), azCount: 2 }, 'TYPE', 'vpcCidr'],
  ];

  test.each(errors)('rejects %s', (_title, input, code, path) => {
    const e = thrown(() => planSubnets(input));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
  });

  test('several overlaps are reported together', () => {
    const e = thrown(() => planSubnets({ vpcCidr: '10.0.0.0/16', azCount: 2, layout: { data: { cidrs: ['10.0.10.0/24', '10.0.11.0/24'] } } }));
    expect(e).toBeInstanceOf(RampartValidationErrors);
    expect(e.issues.map((i: { path: string }) => i.path)).toEqual(['layout.data.cidrs[0]', 'layout.data.cidrs[1]']);
  });
});

describe('summarizeCidrs', () => {
  test('merges adjacent aligned blocks into the fewest covering blocks', () => {
    expect(summarizeCidrs(['10.0.10.0/24', '10.0.11.0/24', '10.0.12.0/24'])).toEqual(['10.0.10.0/23', '10.0.12.0/24']);
    expect(summarizeCidrs(['10.0.3.0/24', '10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'])).toEqual(['10.0.0.0/22']);
    expect(summarizeCidrs(['10.0.1.0/24', '10.0.2.0/24'])).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    expect(summarizeCidrs([])).toEqual([]);
  });
});
