import { asNumber, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';
import { webIdentityStatements } from './iam-helpers';

/** Longest session, in seconds, per persona (the seeds' STS lifetimes). */
export const MAX_SESSION_SECONDS: Readonly<Record<string, number>> = {
  developer: 8 * 3600,
  ci: 2 * 3600,
  'break-glass': 3600,
  admin: 3600,
  service: 12 * 3600,
};

/** Tag naming a role's persona. Without it the persona is inferred from the trust policy. */
export const PERSONA_TAG = 'Persona';

/**
 * True when only AWS services assume the role: every Allow statement of its trust policy names
 * `Service` principals (`*.amazonaws.com`) and nothing else. Such roles may use the service cap.
 */
export function trustedOnlyByServices(role: PolicyResource, ctx: StackContext): boolean {
  const doc = ctx.policyDocument(role.attributes.assume_role_policy);
  const allows = (doc?.statements ?? []).filter((s) => s.effect === 'Allow');
  return (
    allows.length > 0 &&
    allows.every((s) => s.principals.length > 0 && s.principals.every((p) => p.type === 'Service' && p.identifiers.length > 0 && p.identifiers.every((id) => /\.amazonaws\.com(\.cn)?$/.test(id))))
  );
}

/**
 * A role's persona. A `Persona` tag naming a known persona wins, except that `service` is only
 * believed for roles that AWS services alone assume. Without a (usable) tag: `ci` for web-identity
 * (OIDC) trust, `service` for roles only AWS services assume, and `developer` (the 8 h human cap)
 * for everything else: roles people assume through SSO or MFA, cross-account trust, unknown
 * principals, unknown Persona tags and unreadable trust policies.
 */
export function personaOf(role: PolicyResource, ctx: StackContext): string {
  const serviceOnly = trustedOnlyByServices(role, ctx);
  const raw = ctx.effectiveTags(role)[PERSONA_TAG];
  const tagged = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  if (tagged !== undefined && MAX_SESSION_SECONDS[tagged] !== undefined && (tagged !== 'service' || serviceOnly)) return tagged;
  if (webIdentityStatements(role, ctx).length > 0) return 'ci';
  return serviceOnly ? 'service' : 'developer';
}

/** Session length fits the persona: developer 8 h, CI 2 h, break-glass 1 h, never over 12 h. */
export const iamSessionLength: PolicyRule = {
  id: 'iam-session-length',
  title: 'Role session length fits its persona (developer 8 h, CI 2 h, break-glass 1 h)',
  area: 'iam',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'set max_session_duration to at most the persona limit (tag the role Persona = developer | ci | break-glass)',
  resourceTypes: ['aws_iam_role'],
  check(role: PolicyResource, ctx: StackContext) {
    const seconds = asNumber(role.attributes.max_session_duration) ?? 3600;
    const persona = personaOf(role, ctx);
    const max = MAX_SESSION_SECONDS[persona];
    return seconds <= max ? COMPLIANT : violation(`max_session_duration is ${seconds} s; a ${persona} role may have at most ${max} s`);
  },
};
