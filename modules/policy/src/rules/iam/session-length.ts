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

/** Tag naming a role's persona. Roles trusted through web identity without the tag count as `ci`. */
export const PERSONA_TAG = 'Persona';

/** A role's persona: its `Persona` tag, `ci` for web-identity roles, otherwise `service`. */
export function personaOf(role: PolicyResource, ctx: StackContext): string {
  const tagged = ctx.effectiveTags(role)[PERSONA_TAG];
  if (typeof tagged === 'string' && MAX_SESSION_SECONDS[tagged.toLowerCase()] !== undefined) return tagged.toLowerCase();
  return webIdentityStatements(role, ctx).length > 0 ? 'ci' : 'service';
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
