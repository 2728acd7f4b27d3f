import { block, blocks, StackContext } from '../../context';
import { PolicyResource } from '../../types';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

/** True for an application load balancer (the default type). */
export function isApplicationLoadBalancer(lb: PolicyResource): boolean {
  return (lb.attributes.load_balancer_type ?? 'application') === 'application';
}

/** The listeners of a load balancer. */
export function listenersOf(lb: PolicyResource, ctx: StackContext): PolicyResource[] {
  return LISTENER_TYPES.flatMap((t) => ctx.related(t, 'load_balancer_arn', lb));
}

/**
 * A listener's protocol: as written, upper-cased; a listener without one is HTTP, the provider's
 * default for application load balancers.
 */
export function listenerProtocol(listener: PolicyResource): string {
  const p = listener.attributes.protocol;
  return p === undefined || p === null || p === '' ? 'HTTP' : String(p).toUpperCase();
}

/** True when every default action of a listener redirects to HTTPS. */
export function onlyRedirectsToHttps(listener: PolicyResource): boolean {
  const actions = blocks(listener.attributes.default_action);
  return actions.length > 0 && actions.every((a) => a.type === 'redirect' && String(block(a.redirect)?.protocol ?? '').toUpperCase() === 'HTTPS');
}
