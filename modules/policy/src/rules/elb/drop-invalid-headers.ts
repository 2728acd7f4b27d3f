import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from './listeners';

/** Application load balancers drop requests with invalid header fields (request smuggling). */
export const elbDropInvalidHeaders: PolicyRule = {
  id: 'elb-drop-invalid-headers',
  title: 'Application load balancers drop invalid HTTP header fields',
  area: 'elb',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['ELB.4'], checkov: ['CKV_AWS_131'] },
  hint: 'set drop_invalid_header_fields = true',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb: PolicyResource, _ctx: StackContext) {
    if (!isApplicationLoadBalancer(lb)) return NOT_APPLICABLE;
    return isTrue(lb.attributes.drop_invalid_header_fields) ? COMPLIANT : violation('drop_invalid_header_fields is not true');
  },
};
