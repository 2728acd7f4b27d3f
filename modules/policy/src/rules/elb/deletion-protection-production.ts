import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { LOAD_BALANCER_TYPES } from './listeners';

/** Production load balancers cannot be deleted by a stray apply. */
export const elbDeletionProtectionProduction: PolicyRule = {
  id: 'elb-deletion-protection-production',
  title: 'Production load balancers have deletion protection',
  area: 'elb',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ELB.6'] },
  hint: 'set enable_deletion_protection = true (HttpsLoadBalancer does when the environment is production)',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb: PolicyResource, ctx: StackContext) {
    if (!ctx.production) return NOT_APPLICABLE;
    return isTrue(lb.attributes.enable_deletion_protection) ? COMPLIANT : violation('enable_deletion_protection is not true in a production stack');
  },
};
