import { ValidationIssue, validateCidr, validateIntegerRange, validateLogRetention, validateOneOf, RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { DEFAULT_INTERFACE_ENDPOINTS, FLOW_LOG_MIN_RETENTION_DAYS, GATEWAY_ENDPOINT_SERVICES, NAT_MODES, isEndpointServiceName, isWideCidr, planSubnets } from '@rampart/network';
import { EnvironmentConfig, NatModeConfig, NetworkConfig } from './types';

/** Fields a `network` section may hold. */
export const NETWORK_FIELDS: readonly string[] = [
  'natMode', 'managementNat', 'interfaceEndpoints', 'availabilityZones', 'vpnCidrs', 'albIngressCidrs',
  'appHttpsEgressCidrs', 'managementHttpsEgressCidrs', 'appPort', 'dbPort', 'managementPorts', 'httpRedirect', 'denyCidrs',
  'flowLogRetentionDays', 'endpointPolicies',
];

/** Most deny-list entries an environment may give (each takes a rule in every tier's ACL, both ways). */
export const MAX_DENY_CIDRS = 10;

/** A network section with every default filled in. */
export type ResolvedNetworkConfig = { readonly [K in Exclude<keyof NetworkConfig, 'availabilityZones'>]-?: NonNullable<NetworkConfig[K]> } & {
  readonly availabilityZones?: readonly string[];
};

/** Fills in the defaults of an environment's network section. Reads `production`, never the name. */
export function resolveNetworkConfig(env: EnvironmentConfig): ResolvedNetworkConfig {
  const n = env.network ?? {};
  const natMode: NatModeConfig = n.natMode ?? (env.production ? 'per-az' : 'single');
  return {
    natMode,
    managementNat: n.managementNat ?? false,
    interfaceEndpoints: n.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS,
    availabilityZones: n.availabilityZones,
    vpnCidrs: n.vpnCidrs ?? [],
    albIngressCidrs: n.albIngressCidrs ?? ['0.0.0.0/0'],
    // No egress beyond the VPC unless config lists it: the endpoints cover the AWS services.
    appHttpsEgressCidrs: n.appHttpsEgressCidrs ?? [],
    managementHttpsEgressCidrs: n.managementHttpsEgressCidrs ?? [],
    appPort: n.appPort ?? 8080,
    dbPort: n.dbPort ?? 5432,
    managementPorts: n.managementPorts ?? [22],
    httpRedirect: n.httpRedirect ?? false,
    denyCidrs: n.denyCidrs ?? [],
    flowLogRetentionDays: n.flowLogRetentionDays ?? FLOW_LOG_MIN_RETENTION_DAYS,
    endpointPolicies: n.endpointPolicies ?? {},
  };
}

type Push = (i: ValidationIssue | undefined) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(path: string, value: unknown, push: Push, each: (p: string, v: unknown) => ValidationIssue | undefined): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    push({ code: 'TYPE', path, value, rule: 'must be a list' });
    return [];
  }
  value.forEach((v, i) => {
    const issue = each(`${path}[${i}]`, v);
    push(issue);
    if (!issue && value.indexOf(v) !== i) push({ code: 'DUPLICATE', path: `${path}[${i}]`, value: v, rule: 'each entry may be listed once' });
  });
  return value;
}

function bool(path: string, value: unknown): ValidationIssue | undefined {
  return value === undefined || typeof value === 'boolean' ? undefined : { code: 'TYPE', path, value, rule: 'must be true or false' };
}

function port(path: string, value: unknown): ValidationIssue | undefined {
  return value === undefined ? undefined : validateIntegerRange(path, value, 1, 65535);
}

/** A block covering a large share of the internet (IPv4 wider than /8), refused where it makes no sense. */
function notWorld(path: string, value: unknown, why: string): ValidationIssue | undefined {
  return typeof value === 'string' && isWideCidr(value) ? { code: 'INSECURE', path, value, rule: why } : undefined;
}

/**
 * Checks an environment's `network` section (at `base`, e.g. `environments.prod`) and the subnet
 * plan its VPC CIDR and AZ count give. Every issue is pushed; nothing throws.
 */
export function validateNetworkConfig(base: string, env: Record<string, unknown>, push: Push): void {
  const p = `${base}.network`;
  const raw = env.network;
  const vpcOk = !validateCidr('x', env.vpcCidr, { minMask: 16, maxMask: 24 }) && !validateIntegerRange('x', env.azCount, 2, 6);
  if (vpcOk) {
    try {
      planSubnets({ vpcCidr: env.vpcCidr as string, azCount: env.azCount as number, path: base });
    } catch (e) {
      if (e instanceof RampartValidationError) push(e.issue);
      else if (e instanceof RampartValidationErrors) e.issues.forEach(push);
      else throw e;
    }
  }
  if (raw === undefined) return;
  if (!isRecord(raw)) {
    push({ code: 'TYPE', path: p, value: raw, rule: 'must be an object' });
    return;
  }
  for (const key of Object.keys(raw)) {
    if (!NETWORK_FIELDS.includes(key)) push({ code: 'UNKNOWN_FIELD', path: `${p}.${key}`, value: raw[key], rule: `is not a known field (known: ${NETWORK_FIELDS.join(', ')})` });
  }
  if (raw.natMode !== undefined) push(validateOneOf(`${p}.natMode`, raw.natMode, NAT_MODES));
  const managementNatIssue = bool(`${p}.managementNat`, raw.managementNat);
  push(managementNatIssue);
  const natMode = raw.natMode ?? (env.production === true ? 'per-az' : 'single');
  const mgmtEgress = list(`${p}.managementHttpsEgressCidrs`, raw.managementHttpsEgressCidrs, push, (path, v) => validateCidr(path, v));
  if (!managementNatIssue && raw.managementNat === true && natMode === 'none') {
    push({ code: 'NAT_REQUIRED', path: `${p}.managementNat`, value: true, rule: 'needs natMode "single" or "per-az"' });
  } else if (!managementNatIssue && raw.managementNat === true && mgmtEgress.length === 0) {
    push({ code: 'NAT_UNUSED', path: `${p}.managementNat`, value: true, rule: 'the management group reaches nothing beyond the VPC without managementHttpsEgressCidrs; list them or leave managementNat off' });
  }
  if (mgmtEgress.length > 0 && raw.managementNat !== true) {
    push({ code: 'NAT_REQUIRED', path: `${p}.managementHttpsEgressCidrs`, value: raw.managementHttpsEgressCidrs, rule: 'destinations beyond the VPC need managementNat: true' });
  }
  const services = list(`${p}.interfaceEndpoints`, raw.interfaceEndpoints, push, (path, v) =>
    isEndpointServiceName(v) ? undefined : { code: 'ENDPOINT_SERVICE', path, value: v, rule: 'must be a service short name such as kms or ecr.api' },
  );
  validateEndpointPolicies(`${p}.endpointPolicies`, raw.endpointPolicies, raw.interfaceEndpoints === undefined ? DEFAULT_INTERFACE_ENDPOINTS : services, push);
  const zones = list(`${p}.availabilityZones`, raw.availabilityZones, push, (path, v) => {
    if (typeof v !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(v)) return { code: 'AZ_NAME', path, value: v, rule: 'must be an availability zone name such as eu-central-1a' };
    if (typeof env.region === 'string' && !v.startsWith(env.region)) return { code: 'AZ_REGION', path, value: v, rule: `must be a zone of the environment's region ${env.region}` };
    return undefined;
  });
  if (Array.isArray(raw.availabilityZones) && typeof env.azCount === 'number' && zones.length !== env.azCount) {
    push({ code: 'COUNT_MISMATCH', path: `${p}.availabilityZones`, value: raw.availabilityZones, rule: `must list exactly azCount (${env.azCount}) zones` });
  }
  list(`${p}.vpnCidrs`, raw.vpnCidrs, push, (path, v) => validateCidr(path, v) ?? notWorld(path, v, 'management access from anywhere is not allowed; list the VPN or bastion ranges'));
  const alb = list(`${p}.albIngressCidrs`, raw.albIngressCidrs, push, (path, v) => validateCidr(path, v));
  if (Array.isArray(raw.albIngressCidrs) && alb.length === 0) push({ code: 'REQUIRED', path: `${p}.albIngressCidrs`, value: raw.albIngressCidrs, rule: 'must list at least one CIDR' });
  list(`${p}.appHttpsEgressCidrs`, raw.appHttpsEgressCidrs, push, (path, v) => validateCidr(path, v));
  const deny = list(`${p}.denyCidrs`, raw.denyCidrs, push, (path, v) => validateCidr(path, v) ?? notWorld(path, v, 'denying everything would cut the VPC off; list specific ranges'));
  if (deny.length > MAX_DENY_CIDRS) push({ code: 'OUT_OF_RANGE', path: `${p}.denyCidrs`, value: raw.denyCidrs, rule: `must list at most ${MAX_DENY_CIDRS} CIDRs` });
  const appIssue = port(`${p}.appPort`, raw.appPort);
  const dbIssue = port(`${p}.dbPort`, raw.dbPort);
  push(appIssue);
  push(dbIssue);
  if (!appIssue && !dbIssue && (raw.appPort ?? 8080) === (raw.dbPort ?? 5432)) {
    push({ code: 'CONFLICT', path: `${p}.dbPort`, value: raw.dbPort ?? 5432, rule: 'must differ from appPort' });
  }
  list(`${p}.managementPorts`, raw.managementPorts, push, port);
  if (Array.isArray(raw.managementPorts) && raw.managementPorts.length === 0) push({ code: 'REQUIRED', path: `${p}.managementPorts`, value: [], rule: 'must list at least one port' });
  push(bool(`${p}.httpRedirect`, raw.httpRedirect));
  if (raw.flowLogRetentionDays !== undefined) {
    const issue = validateLogRetention(`${p}.flowLogRetentionDays`, raw.flowLogRetentionDays);
    push(issue);
    if (!issue && (raw.flowLogRetentionDays as number) < FLOW_LOG_MIN_RETENTION_DAYS) {
      push({ code: 'LOG_RETENTION', path: `${p}.flowLogRetentionDays`, value: raw.flowLogRetentionDays, rule: `VPC flow logs are kept at least ${FLOW_LOG_MIN_RETENTION_DAYS} days` });
    }
  }
}

/**
 * Checks `endpointPolicies`: an object keyed by an endpoint the environment has (an interface
 * endpoint service or a gateway service, s3 or dynamodb), each value a JSON policy document
 * (a JSON object with a `Statement`).
 */
function validateEndpointPolicies(path: string, value: unknown, interfaceServices: readonly unknown[], push: Push): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    push({ code: 'TYPE', path, value, rule: 'must be an object of policy documents keyed by endpoint service' });
    return;
  }
  const known = [...interfaceServices, ...GATEWAY_ENDPOINT_SERVICES];
  for (const [service, policy] of Object.entries(value)) {
    const at = `${path}.${service}`;
    if (!known.includes(service)) {
      push({ code: 'UNKNOWN_FIELD', path: at, value: service, rule: `names no endpoint of this environment (endpoints: ${known.join(', ')})` });
      continue;
    }
    let json: string | undefined;
    try {
      json = isRecord(policy) ? JSON.stringify(policy) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined || !isRecord(policy) || !('Statement' in policy)) {
      push({ code: 'POLICY_JSON', path: at, value: policy, rule: 'must be a JSON policy document: an object with a Statement' });
    }
  }
}
