import { block, isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';
import { LOAD_BALANCER_TYPES } from './listeners';

/** Load balancers write access logs to a bucket. */
export const elbAccessLogs: PolicyRule = {
  id: 'elb-access-logs',
  title: 'Load balancers write access logs',
  area: 'elb',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ELB.5'], checkov: ['CKV_AWS_91'] },
  hint: 'set access_logs { bucket = <log bucket>, enabled = true }',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb: PolicyResource, _ctx: StackContext) {
    const logs = block(lb.attributes.access_logs);
    if (!logs || typeof logs.bucket !== 'string' || logs.bucket.length === 0) return violation('access_logs names no bucket');
    // the provider's default for enabled is false, also when a bucket is given
    return isTrue(logs.enabled) ? COMPLIANT : violation(logs.enabled === undefined ? 'access_logs does not set enabled = true (the provider default is false)' : 'access_logs.enabled is not true');
  },
};
