import { StackContext } from '../../context';
import { admitsAnyone, isAllActions, narrowsPrincipals } from '../../policy-document';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

/**
 * No key policy grants every KMS action to every principal. A statement whose conditions pin the
 * caller account (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID) or the calling
 * service (kms:ViaService) to literal values is not public.
 */
export const kmsNoPublicKeyAccess: PolicyRule = {
  id: 'kms-no-public-key-access',
  title: 'KMS key policies never allow kms:* (or *) to principal "*" (never suppressible)',
  area: 'kms',
  severity: 'critical',
  suppressible: false,
  mappings: { checkov: ['CKV_AWS_33'] },
  hint: 'grant administration to the admin role and usage through grants or named principals with kms:ViaService conditions',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check(r: PolicyResource, ctx: StackContext) {
    if (r.attributes.policy === undefined) return outcomes([]); // the AWS default key policy: the account root only
    const doc = ctx.policyDocument(r.attributes.policy);
    if (!doc) return violation('the key policy cannot be read at synth', { hint: 'render the key policy as JSON (JSON.stringify) or through an aws_iam_policy_document data source' });
    const found: RuleOutcome[] = [];
    doc.statements.forEach((s, i) => {
      if (s.effect === 'Allow' && admitsAnyone(s.principals) && !narrowsPrincipals(s) && s.actions.some((a) => isAllActions(a) || a.toLowerCase() === 'kms:*')) {
        found.push(violation(`statement ${s.sid ?? i} allows ${s.actions.join(', ')} to principal "*"`, { finding: s.sid ?? `statement-${i}` }));
      }
    });
    return outcomes(found);
  },
};
