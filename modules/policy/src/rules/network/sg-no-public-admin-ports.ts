import { PolicyRule } from '../../types';
import { checkWorldIngress, reachesPort, SG_RESOURCE_TYPES } from './sg-helpers';

/** Remote administration ports checked by CIS 5.3 / 5.4. */
export const ADMIN_PORTS = [22, 3389];

/** SSH and RDP are never reachable from the internet. */
export const sgNoPublicAdminPorts: PolicyRule = {
  id: 'sg-no-public-admin-ports',
  title: 'No security group admits the internet (0.0.0.0/0, ::/0, or IPv4 prefixes shorter than /8 and IPv6 shorter than /32) to SSH (22) or RDP (3389) (never suppressible)',
  area: 'network',
  severity: 'critical',
  suppressible: false,
  mappings: { cis: ['5.3', '5.4'], fsbp: ['EC2.13', 'EC2.14'], checkov: ['CKV_AWS_24', 'CKV_AWS_25'] },
  hint: 'use SSM Session Manager, or admit the management tier only from VPN or bastion CIDRs',
  resourceTypes: SG_RESOURCE_TYPES,
  check: checkWorldIngress((p) => {
    const ports = ADMIN_PORTS.filter((port) => reachesPort(p, port));
    return ports.length ? `opens port ${ports.join(' and ')} to the internet` : undefined;
  }),
};
