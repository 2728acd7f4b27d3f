import { SubnetTier } from '../contracts';
import { RampartValidationError, ValidationIssue, assertAllValid, assertValid } from '../errors';
import { cidrsOverlap, formatCidr, isUnresolved, parseCidr, validateCidr, validateIntegerRange } from '../validators';

/** The four tiers, in plan order. */
export const SUBNET_TIERS: readonly SubnetTier[] = ['public', 'app', 'data', 'management'];

/** Smallest and largest prefix length AWS accepts for a VPC or a subnet. */
export const MIN_MASK = 16;
export const MAX_MASK = 28;
export const MIN_AZ_COUNT = 2;
export const MAX_AZ_COUNT = 6;

/**
 * Where each tier starts by default, counted in subnet-sized blocks from the start of the VPC.
 * With a /16 and /24 subnets this gives public 10.0.0.x, app 10.0.10.x, data 10.0.20.x,
 * management 10.0.30.x.
 */
export const DEFAULT_TIER_OFFSETS: Readonly<Record<SubnetTier, number>> = { public: 0, app: 10, data: 20, management: 30 };

/** How one tier is laid out. Give either `cidrs`, or any of `subnetMask` and `offset`. */
export interface TierLayout {
  /**
   * The tier's subnet CIDRs, one per availability zone, in AZ order.
   * @default - computed from `subnetMask` and `offset`
   */
  readonly cidrs?: readonly string[];
  /**
   * Prefix length of each subnet of the tier (/16 to /28, not larger than the VPC).
   * @default - the VPC's prefix length + 8, at most /28
   */
  readonly subnetMask?: number;
  /**
   * Index of the tier's first subnet among the subnet-sized blocks of the VPC.
   * @default - public 0, app 10, data 20, management 30 when that fits; otherwise tier index × AZ count
   */
  readonly offset?: number;
}

/** What the planner needs. */
export interface SubnetPlanInput {
  /** VPC CIDR (/16 to /28, no host bits). Must be a literal: the plan is computed at synth. */
  readonly vpcCidr: string;
  /** Availability zones to spread each tier over (2 to 6). */
  readonly azCount: number;
  /**
   * Tiers to plan. app and data are always required.
   * @default - all four: public, app, data, management
   */
  readonly tiers?: readonly SubnetTier[];
  /**
   * Per-tier overrides.
   * @default - the seed layout
   */
  readonly layout?: Partial<Record<SubnetTier, TierLayout>>;
  /**
   * Prefix for the field paths in errors, e.g. `vpc`.
   * @default ''
   */
  readonly path?: string;
}

/** One planned subnet. */
export interface PlannedSubnet {
  readonly tier: SubnetTier;
  /** Index of the availability zone (0-based). */
  readonly az: number;
  readonly cidr: string;
}

/** A deterministic subnet plan. */
export interface SubnetPlan {
  readonly vpcCidr: string;
  readonly azCount: number;
  /** Planned tiers, in plan order. */
  readonly tiers: readonly SubnetTier[];
  /** Every subnet, tier by tier, AZ by AZ. */
  readonly subnets: readonly PlannedSubnet[];
  /** Subnet CIDRs per tier (empty for an absent tier). */
  readonly cidrs: Readonly<Record<SubnetTier, readonly string[]>>;
}

function join(base: string, field: string): string {
  return base ? `${base}.${field}` : field;
}

/**
 * Plans the subnets of a tiered VPC. Pure and deterministic: the same input always gives the
 * same plan. Throws a RampartValidationError (codes CIDR_FORMAT, CIDR_HOST_BITS, CIDR_MASK,
 * OUT_OF_RANGE, REQUIRED, DUPLICATE, COUNT_MISMATCH, CIDR_OUTSIDE_VPC, CIDR_TOO_SMALL,
 * CIDR_OVERLAP) naming the field path.
 */
export function planSubnets(input: SubnetPlanInput): SubnetPlan {
  const base = input.path ?? '';
  const vpcPath = join(base, 'vpcCidr');
  if (isUnresolved(input.vpcCidr)) {
    throw new RampartValidationError({ code: 'TYPE', path: vpcPath, value: input.vpcCidr, rule: 'must be a literal CIDR: the subnet plan is computed at synth' });
  }
  assertAllValid([validateCidr(vpcPath, input.vpcCidr, { minMask: MIN_MASK, maxMask: MAX_MASK }), validateIntegerRange(join(base, 'azCount'), input.azCount, MIN_AZ_COUNT, MAX_AZ_COUNT)]);
  const vpc = parseCidr(input.vpcCidr)!;
  const azCount = input.azCount;

  const tiersPath = join(base, 'tiers');
  const requested = input.tiers ?? SUBNET_TIERS;
  requested.forEach((t, i) => {
    if (!SUBNET_TIERS.includes(t)) throw new RampartValidationError({ code: 'ENUM', path: `${tiersPath}[${i}]`, value: t, rule: `must be one of ${SUBNET_TIERS.join(', ')}` });
    if (requested.indexOf(t) !== i) throw new RampartValidationError({ code: 'DUPLICATE', path: `${tiersPath}[${i}]`, value: t, rule: 'each tier may be listed once' });
  });
  for (const needed of ['app', 'data'] as const) {
    if (!requested.includes(needed)) throw new RampartValidationError({ code: 'REQUIRED', path: tiersPath, value: requested, rule: `must include the ${needed} tier` });
  }
  const tiers = SUBNET_TIERS.filter((t) => requested.includes(t));

  const defaultMask = Math.min(vpc.mask + 8, MAX_MASK);
  const defaultBlocks = 2 ** (defaultMask - vpc.mask);
  const seedShapeFits = DEFAULT_TIER_OFFSETS.management + azCount <= defaultBlocks;

  const layoutPath = join(base, 'layout');
  for (const key of Object.keys(input.layout ?? {})) {
    if (!tiers.includes(key as SubnetTier)) {
      throw new RampartValidationError({ code: 'UNKNOWN_FIELD', path: `${layoutPath}.${key}`, value: key, rule: `is not a planned tier (planned: ${tiers.join(', ')})` });
    }
  }

  const subnets: PlannedSubnet[] = [];
  const paths: string[] = [];
  const cidrs: Record<SubnetTier, string[]> = { public: [], app: [], data: [], management: [] };
  for (const tier of tiers) {
    const layout = input.layout?.[tier] ?? {};
    const tierPath = `${layoutPath}.${tier}`;
    let list: string[];
    if (layout.cidrs !== undefined) {
      if (layout.subnetMask !== undefined || layout.offset !== undefined) {
        throw new RampartValidationError({ code: 'CONFLICT', path: `${tierPath}.cidrs`, value: layout.cidrs, rule: 'give either cidrs or subnetMask/offset, not both' });
      }
      if (layout.cidrs.length !== azCount) {
        throw new RampartValidationError({ code: 'COUNT_MISMATCH', path: `${tierPath}.cidrs`, value: layout.cidrs, rule: `must list exactly ${azCount} subnets, one per availability zone` });
      }
      list = layout.cidrs.map((c, i) => {
        const p = `${tierPath}.cidrs[${i}]`;
        if (isUnresolved(c)) throw new RampartValidationError({ code: 'TYPE', path: p, value: c, rule: 'must be a literal CIDR' });
        assertValid(validateCidr(p, c, { minMask: Math.max(MIN_MASK, vpc.mask), maxMask: MAX_MASK }));
        const parsed = parseCidr(c)!;
        if (parsed.first < vpc.first || parsed.last > vpc.last) {
          throw new RampartValidationError({ code: 'CIDR_OUTSIDE_VPC', path: p, value: c, rule: `must lie inside the VPC CIDR ${input.vpcCidr}` });
        }
        return c;
      });
    } else {
      const mask = layout.subnetMask ?? defaultMask;
      if (layout.subnetMask !== undefined) {
        assertValid(validateIntegerRange(`${tierPath}.subnetMask`, mask, 0, 32));
        if (mask < Math.max(MIN_MASK, vpc.mask) || mask > MAX_MASK) {
          throw new RampartValidationError({
            code: 'CIDR_MASK',
            path: `${tierPath}.subnetMask`,
            value: mask,
            rule: `subnet prefix length must be between /${Math.max(MIN_MASK, vpc.mask)} and /${MAX_MASK}`,
          });
        }
      }
      const blocks = 2 ** (mask - vpc.mask);
      const offset = layout.offset ?? (seedShapeFits || mask !== defaultMask ? DEFAULT_TIER_OFFSETS[tier] : SUBNET_TIERS.indexOf(tier) * azCount);
      if (layout.offset !== undefined) assertValid(validateIntegerRange(`${tierPath}.offset`, offset, 0, blocks - 1));
      if (offset + azCount > blocks) {
        throw new RampartValidationError({
          code: 'CIDR_TOO_SMALL',
          path: layout.offset !== undefined || layout.subnetMask !== undefined ? tierPath : vpcPath,
          value: layout.offset !== undefined || layout.subnetMask !== undefined ? layout : input.vpcCidr,
          rule: `the ${tier} tier needs /${mask} blocks ${offset} to ${offset + azCount - 1} but ${input.vpcCidr} holds only ${blocks} of them`,
        });
      }
      const size = 2 ** (32 - mask);
      list = Array.from({ length: azCount }, (_, az) => formatCidr(vpc.first + (offset + az) * size, mask));
    }
    list.forEach((cidr, az) => {
      subnets.push({ tier, az, cidr });
      paths.push(layout.cidrs ? `${tierPath}.cidrs[${az}]` : `${tierPath}[${az}]`);
    });
    cidrs[tier] = list;
  }

  const issues: ValidationIssue[] = [];
  for (let i = 0; i < subnets.length; i++) {
    for (let j = 0; j < i; j++) {
      if (cidrsOverlap(parseCidr(subnets[i].cidr)!, parseCidr(subnets[j].cidr)!)) {
        issues.push({
          code: 'CIDR_OVERLAP',
          path: paths[i],
          value: subnets[i].cidr,
          rule: `must not overlap the ${subnets[j].tier} subnet ${subnets[j].cidr} (AZ ${subnets[j].az})`,
        });
        break;
      }
    }
  }
  assertAllValid(issues, 'Overlapping subnets');
  return { vpcCidr: input.vpcCidr, azCount, tiers, subnets, cidrs };
}

/**
 * The fewest CIDR blocks that cover exactly the given blocks: adjacent blocks are merged into
 * aligned supernets. `10.0.10.0/24, 10.0.11.0/24, 10.0.12.0/24` → `10.0.10.0/23, 10.0.12.0/24`.
 * Used to keep per-tier NACL and security-group rules few.
 */
export function summarizeCidrs(cidrs: readonly string[]): string[] {
  const ranges = cidrs
    .map((c) => {
      const p = parseCidr(c);
      if (!p) throw new RampartValidationError({ code: 'CIDR_FORMAT', path: 'cidrs', value: c, rule: 'must be IPv4 CIDR notation' });
      return [p.first, p.last] as [number, number];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: string[] = [];
  for (const [first, last] of merged) {
    let start = first;
    while (start <= last) {
      let size = 1;
      while (start % (size * 2) === 0 && start + size * 2 - 1 <= last) size *= 2;
      out.push(formatCidr(start, 32 - Math.log2(size)));
      start += size;
    }
  }
  return out;
}
