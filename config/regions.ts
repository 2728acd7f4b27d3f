import { AWS_REGIONS } from '@rampart/core';

/** The AWS partitions. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * Availability zones of each region (those an account can use by default). The one table of
 * zones: a region added by AWS later is described in config under `regions` instead of here
 * until this table catches up.
 */
export const REGION_ZONES: Readonly<Record<string, number>> = {
  'us-east-1': 6,
  'us-east-2': 3,
  'us-west-1': 2,
  'us-west-2': 4,
  'ca-central-1': 3,
  'ca-west-1': 3,
  'mx-central-1': 3,
  'sa-east-1': 3,
  'eu-central-1': 3,
  'eu-central-2': 3,
  'eu-west-1': 3,
  'eu-west-2': 3,
  'eu-west-3': 3,
  'eu-south-1': 3,
  'eu-south-2': 3,
  'eu-north-1': 3,
  'il-central-1': 3,
  'me-south-1': 3,
  'me-central-1': 3,
  'af-south-1': 3,
  'ap-east-1': 3,
  'ap-east-2': 3,
  'ap-south-1': 3,
  'ap-south-2': 3,
  'ap-southeast-1': 3,
  'ap-southeast-2': 3,
  'ap-southeast-3': 3,
  'ap-southeast-4': 3,
  'ap-southeast-5': 3,
  'ap-southeast-6': 3,
  'ap-southeast-7': 3,
  'ap-northeast-1': 3,
  'ap-northeast-2': 4,
  'ap-northeast-3': 3,
  'us-gov-east-1': 3,
  'us-gov-west-1': 3,
  'cn-north-1': 3,
  'cn-northwest-1': 3,
};

/** A region that config describes itself (`regions.<name>`), for regions newer than the tables. */
export interface RegionOverride {
  readonly zones: number;
  readonly partition?: Partition;
}

/** The partition a region belongs to. */
export function regionPartition(region: string, overrides?: Readonly<Record<string, RegionOverride>>): Partition {
  const own = overrides && Object.prototype.hasOwnProperty.call(overrides, region) ? overrides[region].partition : undefined;
  if (own) return own;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Zones of a region: the config's override first, then the table; undefined when neither knows it. */
export function regionZones(region: string, overrides?: Readonly<Record<string, RegionOverride>>): number | undefined {
  if (overrides && Object.prototype.hasOwnProperty.call(overrides, region)) return overrides[region].zones;
  return Object.prototype.hasOwnProperty.call(REGION_ZONES, region) ? REGION_ZONES[region] : undefined;
}

/** True when the region is known to the tables or described by an override. */
export function isKnownRegion(region: string, overrides?: Readonly<Record<string, RegionOverride>>): boolean {
  return AWS_REGIONS.includes(region) || (overrides !== undefined && Object.prototype.hasOwnProperty.call(overrides, region));
}
