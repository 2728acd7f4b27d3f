import { isUnresolved, parseCidr } from '../validators';

/** How private tiers reach the internet: not at all, through one NAT gateway, or one per AZ. */
export type NatMode = 'none' | 'single' | 'per-az';

export const NAT_MODES: readonly NatMode[] = ['none', 'single', 'per-az'];

/** AWS services with gateway endpoints. */
export type GatewayEndpointService = 's3' | 'dynamodb';

export const GATEWAY_ENDPOINT_SERVICES: readonly GatewayEndpointService[] = ['s3', 'dynamodb'];

/** Interface endpoints created when no list is given. */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = ['kms', 'secretsmanager', 'ssm', 'ssmmessages', 'ec2messages', 'logs', 'sts', 'ecr.api', 'ecr.dkr'];

const SERVICE_RE = /^[a-z0-9]+([.-][a-z0-9]+)*$/;

/** Checks an interface endpoint service name such as `ecr.api`. */
export function isEndpointServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && SERVICE_RE.test(value);
}

/** VPC flow logs are kept at least this long (network forensics). */
export const FLOW_LOG_MIN_RETENTION_DAYS = 90;

/**
 * An IPv4 block with a prefix shorter than this (/0 to /7, at least 1/128 of the IPv4 internet) is
 * treated as "anywhere": `0.0.0.0/1` + `128.0.0.0/1` is the whole internet in two rules.
 */
export const WIDE_IPV4_PREFIX = 8;

/**
 * An IPv6 block with a prefix shorter than this (/0 to /31) is treated as "anywhere": a /32 is one
 * registry allocation to one network; anything wider spans many networks.
 */
export const WIDE_IPV6_PREFIX = 32;

/**
 * True when a CIDR covers a large share of the internet: an IPv4 prefix shorter than
 * {@link WIDE_IPV4_PREFIX} or an IPv6 prefix shorter than {@link WIDE_IPV6_PREFIX}. Unresolved
 * tokens and malformed values are not judged (false); malformed values are rejected elsewhere.
 */
export function isWideCidr(cidr: string | undefined): boolean {
  if (cidr === undefined || isUnresolved(cidr)) return false;
  const value = cidr.trim();
  if (value.includes(':')) {
    const m = /^[0-9a-fA-F:.]+\/(\d{1,3})$/.exec(value);
    return m !== null && Number(m[1]) < WIDE_IPV6_PREFIX;
  }
  const parsed = parseCidr(value);
  return parsed !== undefined && parsed.mask < WIDE_IPV4_PREFIX;
}
