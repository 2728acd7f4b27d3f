import { StackContext } from '../../context';
import { isAllActions } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { identityPolicies, IDENTITY_POLICY_TYPES } from './iam-helpers';
import { grantsAsIdentityPolicy } from './service-wildcard-helpers';

export { isAttached } from './service-wildcard-helpers';

/**
 * No identity policy allows every action on every resource. Inline policies always grant; a
 * managed policy counts unless it is only some role's permissions boundary (Allow *, then Deny),
 * which caps roles and grants nothing.
 */
export const iamNoAdminWildcard: PolicyRule = {
  id: 'iam-no-admin-wildcard',
  title: 'IAM policies never allow "*:*" (every action on every resource)',
  area: 'iam',
  severity: 'critical',
  suppressible: true,
  mappings: { cis: ['1.16'], fsbp: ['IAM.1'] },
  hint: 'list the actions and resources the role needs; break-glass administration belongs to a separate, bounded, short-session role',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const { finding, doc } of identityPolicies(r, ctx)) {
      if (!doc) continue; // unreadable documents are reported by iam-policy-readable
      for (const s of doc.statements) {
        if (s.effect === 'Allow' && s.actions.some(isAllActions) && s.resources.includes('*')) {
          found.push(violation(`${finding} statement ${s.sid ?? ''} allows "*" on "*"`.replace('  ', ' '), { finding }));
        }
      }
    }
    return outcomes(found);
  },
};
