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

/** True when people assume the role: trust through IAM Identity Center (SSO) roles or MFA sessions. */
function trustedByPeople(role: PolicyResource, ctx: StackContext): boolean {
  const doc = ctx.policyDocument(role.attributes.assume_role_policy);
  return (doc?.statements ?? []).some(
    (s) =>
      s.effect === 'Allow' &&
      (s.principals.some((p) => p.identifiers.some((id) => id.includes('AWSReservedSSO_'))) ||
        s.conditions.some((c) => c.values.some((v) => v.includes('AWSReservedSSO_')) || c.variable.toLowerCase() === 'aws:multifactorauthpresent')),
  );
}

/**
 * A role's persona: its `Persona` tag; otherwise `ci` for web-identity (OIDC) trust, `developer`
 * for roles people assume (SSO permission sets or MFA sessions), and `service` for the rest.
 */
export function personaOf(role: PolicyResource, ctx: StackContext): string {
  const tagged = ctx.effectiveTags(role)[PERSONA_TAG];
  if (typeof tagged === 'string' && MAX_SESSION_SECONDS[tagged.toLowerCase()] !== undefined) return tagged.toLowerCase();
  if (webIdentityStatements(role, ctx).length > 0) return 'ci';
  return trustedByPeople(role, ctx) ? 'developer' : 'service';
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
