import { RampartValidationError, assertAllValid, validateIntegerRange } from '@rampart/core';
import { NatMode } from './tiered-vpc';

/**
 * On-demand list prices (USD per hour) of the network's fixed-cost items, by region.
 *
 * - `natGateway`: one NAT gateway, per hour (data processing is extra and not counted);
 * - `interfaceEndpointPerAz`: one interface endpoint in one availability zone, per hour
 *   (data processing is extra and not counted);
 * - `publicIpv4`: one public IPv4 address (each NAT gateway's Elastic IP), per hour.
 *
 * Gateway endpoints (S3, DynamoDB) are free. Prices are AWS's published on-demand rates at the
 * time of writing; check the AWS pricing pages before budgeting and update this table, the one
 * place they are kept. A region missing here is priced with the `default` row (us-east-1).
 */
export interface NetworkPrices {
  readonly natGateway: number;
  readonly interfaceEndpointPerAz: number;
  readonly publicIpv4: number;
}

export const NETWORK_PRICE_TABLE: Readonly<Record<string, NetworkPrices>> = {
  default: { natGateway: 0.045, interfaceEndpointPerAz: 0.01, publicIpv4: 0.005 },
  'us-east-1': { natGateway: 0.045, interfaceEndpointPerAz: 0.01, publicIpv4: 0.005 },
  'us-east-2': { natGateway: 0.045, interfaceEndpointPerAz: 0.01, publicIpv4: 0.005 },
  'us-west-2': { natGateway: 0.045, interfaceEndpointPerAz: 0.01, publicIpv4: 0.005 },
  'eu-west-1': { natGateway: 0.048, interfaceEndpointPerAz: 0.011, publicIpv4: 0.005 },
  'eu-central-1': { natGateway: 0.052, interfaceEndpointPerAz: 0.012, publicIpv4: 0.005 },
};

/** Hours in the average month (8760 / 12), as AWS's own calculator uses. */
export const HOURS_PER_MONTH = 730;

/** What the estimate counts. */
export interface NetworkCostInput {
  /** Region whose prices apply. */
  readonly region: string;
  /** Availability zones each interface endpoint spans. */
  readonly azCount: number;
  /** NAT gateways. */
  readonly natGateways: number;
  /** Interface endpoints (services). Each is billed once per AZ. */
  readonly interfaceEndpoints: number;
  /**
   * Public IPv4 addresses.
   * @default - one per NAT gateway
   */
  readonly publicIps?: number;
}

/** One line of the estimate. */
export interface CostItem {
  /** Billed units (NAT gateways, endpoint-AZs, addresses). */
  readonly units: number;
  /** USD per month, rounded to cents. */
  readonly monthly: number;
}

/** Estimated monthly fixed cost of a network. */
export interface NetworkCostEstimate {
  readonly region: string;
  /** Which price-table row was used (`default` when the region is not listed). */
  readonly priceRow: string;
  readonly natGateways: CostItem;
  readonly interfaceEndpoints: CostItem;
  readonly publicIps: CostItem;
  /** USD per month, rounded to cents. */
  readonly total: number;
}

const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** NAT gateways a NAT mode creates. */
export function natGatewayCount(mode: NatMode, azCount: number): number {
  return mode === 'per-az' ? azCount : mode === 'single' ? 1 : 0;
}

/**
 * Monthly fixed cost: NAT gateways + interface endpoints × AZs + public IPv4 addresses, at the
 * list prices of {@link NETWORK_PRICE_TABLE}, for {@link HOURS_PER_MONTH} hours.
 */
export function estimateNetworkMonthlyCost(input: NetworkCostInput, table: Readonly<Record<string, NetworkPrices>> = NETWORK_PRICE_TABLE): NetworkCostEstimate {
  const publicIps = input.publicIps ?? input.natGateways;
  assertAllValid([
    validateIntegerRange('NetworkCostInput.azCount', input.azCount, 1, 6),
    validateIntegerRange('NetworkCostInput.natGateways', input.natGateways, 0, 6),
    validateIntegerRange('NetworkCostInput.interfaceEndpoints', input.interfaceEndpoints, 0, 1000),
    validateIntegerRange('NetworkCostInput.publicIps', publicIps, 0, 1000),
  ]);
  const priceRow = table[input.region] ? input.region : 'default';
  const prices = table[priceRow];
  if (!prices) throw new RampartValidationError({ code: 'PRICE_TABLE', path: 'table.default', value: undefined, rule: 'the price table needs a default row' });
  const item = (units: number, hourly: number): CostItem => ({ units, monthly: cents(units * hourly * HOURS_PER_MONTH) });
  const nat = item(input.natGateways, prices.natGateway);
  const endpoints = item(input.interfaceEndpoints * input.azCount, prices.interfaceEndpointPerAz);
  const ips = item(publicIps, prices.publicIpv4);
  return {
    region: input.region,
    priceRow,
    natGateways: nat,
    interfaceEndpoints: endpoints,
    publicIps: ips,
    total: cents(nat.monthly + endpoints.monthly + ips.monthly),
  };
}

/** One line for the synth output, e.g. `prod: estimated network fixed cost $361.35/month in eu-central-1 (3 NAT gateways $113.88, ...)`. */
export function formatNetworkCost(name: string, e: NetworkCostEstimate): string {
  const usd = (n: number): string => `$${n.toFixed(2)}`;
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  return (
    `${name}: estimated network fixed cost ${usd(e.total)}/month in ${e.region}` +
    ` (${plural(e.natGateways.units, 'NAT gateway')} ${usd(e.natGateways.monthly)},` +
    ` ${plural(e.interfaceEndpoints.units, 'interface endpoint-AZ')} ${usd(e.interfaceEndpoints.monthly)},` +
    ` ${plural(e.publicIps.units, 'public IPv4 address', 'public IPv4 addresses')} ${usd(e.publicIps.monthly)}` +
    `${e.priceRow === 'default' ? '; region not in the price table, us-east-1 prices used' : ''})`
  );
}
