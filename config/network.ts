import { DEFAULT_INTERFACE_ENDPOINTS, FLOW_LOG_MIN_RETENTION_DAYS } from '@rampart/core';
import { EnvironmentConfig, NatModeConfig, NetworkConfig } from './types';

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
