import { StackContext } from '../../context';
import { admitsAnyone, narrowsPrincipals } from '../../policy-document';
import { COMPLIANT, NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

/**
 * A bucket policy never allows anyone (`*`) without a condition that narrows who (see
 * narrowsPrincipals). The deprecated inline `aws_s3_bucket.policy` is read the same way.
 */
export const s3NoPublicPolicy: PolicyRule = {
  id: 's3-no-public-policy',
  title: 'S3 bucket policies do not allow unconditioned access to principal "*"',
  area: 's3',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_70'] },
  hint: 'name the principals (accounts, roles, service principals) or add a condition such as aws:SourceArn / aws:PrincipalOrgID',
  resourceTypes: ['aws_s3_bucket_policy', 'aws_s3_bucket'],
  check(r: PolicyResource, ctx: StackContext) {
    if (r.type === 'aws_s3_bucket' && r.attributes.policy === undefined) return NOT_APPLICABLE;
    const doc = ctx.policyDocument(r.attributes.policy);
    if (!doc) return violation('the bucket policy cannot be read at synth', { hint: 'render the policy as JSON (JSON.stringify) or through an aws_iam_policy_document data source' });
    const found: RuleOutcome[] = [];
    doc.statements.forEach((s, i) => {
      if (s.effect === 'Allow' && admitsAnyone(s.principals) && !narrowsPrincipals(s)) {
        found.push(
          violation(`statement ${s.sid ?? i} allows ${s.actions.join(', ') || 'actions'} to anyone${s.conditions.length ? ' (its conditions do not restrict the principal)' : ''}`, {
            finding: s.sid ?? `statement-${i}`,
          }),
        );
      }
    });
    return found.length ? outcomes(found) : COMPLIANT;
  },
};
