import { isToken, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { LISTENER_TYPES, listenerProtocol } from './listeners';

/** HTTPS listeners negotiate TLS 1.3 (and at most fall back to 1.2): the ELBSecurityPolicy-TLS13-* family. */
export const elbModernTlsPolicy: PolicyRule = {
  id: 'elb-modern-tls-policy',
  title: 'HTTPS and TLS listeners use a TLS 1.3 security policy (ELBSecurityPolicy-TLS13-*)',
  area: 'elb',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_103'] },
  hint: 'set ssl_policy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (the HttpsLoadBalancer default) or another TLS13 policy',
  resourceTypes: LISTENER_TYPES,
  check(listener: PolicyResource, _ctx: StackContext) {
    const protocol = listenerProtocol(listener);
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return NOT_APPLICABLE;
    const policy = listener.attributes.ssl_policy;
    if (isToken(policy)) return COMPLIANT;
    if (typeof policy !== 'string' || policy.length === 0) return violation('ssl_policy is not set, so the older default policy (TLS 1.0 and 1.1 allowed) applies');
    return /^ELBSecurityPolicy-TLS13-/.test(policy) ? COMPLIANT : violation(`ssl_policy ${policy} is not a TLS 1.3 policy`);
  },
};
