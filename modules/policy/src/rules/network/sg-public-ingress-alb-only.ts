import { PolicyRule } from '../../types';
import { checkWorldIngress, isLoadBalancerGroup, servesOnlyHttpsRedirects, SG_RESOURCE_TYPES } from './sg-helpers';

/**
 * 0.0.0.0/0 and ::/0 appear only as TCP 443 ingress on the application load balancer's group.
 * Port 80 is accepted on that group only where the stack shows that it serves nothing but
 * redirects to HTTPS (every port-80 listener of the load balancers using the group redirects).
 */
export const sgPublicIngressAlbOnly: PolicyRule = {
  id: 'sg-public-ingress-alb-443-only',
  title: 'Ingress from 0.0.0.0/0 or ::/0 is allowed only on TCP 443 of the load balancer security group (and 80 where it only redirects to HTTPS)',
  area: 'network',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['EC2.18'] },
  hint: 'reach workloads through the ALB: open 443 on the alb group only and admit other tiers by security group reference',
  resourceTypes: SG_RESOURCE_TYPES,
  check: checkWorldIngress((p, ctx) => {
    const is443 = p.protocol === 'tcp' && p.fromPort === 443 && p.toPort === 443;
    const isRedirect80 = p.protocol === 'tcp' && p.fromPort === 80 && p.toPort === 80 && servesOnlyHttpsRedirects(p.group, 80, ctx);
    if (isRedirect80) return undefined;
    if (!is443) return `admits the internet on ${p.protocol === '-1' ? 'every protocol' : `${p.protocol} ${p.fromPort}-${p.toPort}`}`;
    if (!isLoadBalancerGroup(p.group, ctx)) return `admits the internet on 443 to ${p.group?.address ?? 'a group outside the stack'}, which is not the load balancer group`;
    return undefined;
  }),
};
