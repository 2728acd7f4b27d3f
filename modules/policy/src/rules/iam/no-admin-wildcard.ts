import { StackContext } from '../../context';
import { isAllActions } from '../../policy-document';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { identityPolicies, IDENTITY_POLICY_TYPES } from './iam-helpers';

/** Attachment resources and the attribute that names the managed policy they attach. */
const ATTACHMENTS: ReadonlyArray<[string, string]> = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role', 'managed_policy_arns'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
];

/** True when a managed policy is attached as a permission policy somewhere in the stack. */
export function isAttached(policy: PolicyResource, ctx: StackContext): boolean {
  return ATTACHMENTS.some(([type, attr]) => ctx.related(type, attr, policy).length > 0);
}

/**
 * No identity policy allows every action on every resource. Inline policies always grant;
 * a managed policy counts when it is attached in the stack (CIS 1.16 "attached"), so a
 * permissions boundary (Allow *, then Deny) that only caps roles is not reported.
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
    if (r.type === 'aws_iam_policy' && !isAttached(r, ctx)) return NOT_APPLICABLE;
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
