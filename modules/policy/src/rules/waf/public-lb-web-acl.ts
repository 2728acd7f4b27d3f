import { StackContext, isTrue } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Internet-facing application load balancers sit behind a WAFv2 web ACL. */
export const wafPublicLbWebAcl: PolicyRule = {
  id: 'waf-public-lb-web-acl',
  title: 'Internet-facing application load balancers are associated with a WAF web ACL',
  area: 'waf',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV2_AWS_28'] },
  hint: 'add aws_wafv2_web_acl_association with resource_arn = the load balancer ARN (RegionalWebAcl from @rampart/edge)',
  resourceTypes: ['aws_lb', 'aws_alb'],
  check(lb: PolicyResource, ctx: StackContext) {
    if (isTrue(lb.attributes.internal)) return NOT_APPLICABLE;
    const type = lb.attributes.load_balancer_type ?? 'application';
    if (type !== 'application') return NOT_APPLICABLE; // WAF cannot front network or gateway load balancers
    const associated = ctx.ofType('aws_wafv2_web_acl_association').some((a) => ctx.refersTo(a.attributes.resource_arn, lb));
    return associated ? COMPLIANT : violation('no aws_wafv2_web_acl_association names this internet-facing load balancer');
  },
};
