import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { LISTENER_TYPES, listenerProtocol, onlyRedirectsToHttps } from './listeners';

/** Plain-HTTP listeners serve nothing but a redirect to HTTPS. */
export const elbHttpRedirectsToHttps: PolicyRule = {
  id: 'elb-http-redirects-to-https',
  title: 'Load balancer HTTP listeners only redirect to HTTPS',
  area: 'elb',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['ELB.1'], checkov: ['CKV_AWS_2'] },
  hint: 'serve on an HTTPS listener and give the port-80 listener a single redirect action to HTTPS (HttpsLoadBalancer does)',
  resourceTypes: LISTENER_TYPES,
  check(listener: PolicyResource, _ctx: StackContext) {
    if (listenerProtocol(listener) !== 'HTTP') return NOT_APPLICABLE;
    return onlyRedirectsToHttps(listener) ? COMPLIANT : violation(`the HTTP listener on port ${listener.attributes.port ?? '?'} forwards traffic instead of redirecting to HTTPS`);
  },
};
