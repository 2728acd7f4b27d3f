import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { identityPolicies, IDENTITY_POLICY_TYPES } from './iam-helpers';

/** Policies are rendered so that they can be checked at synth. */
export const iamPolicyReadable: PolicyRule = {
  id: 'iam-policy-readable',
  title: 'IAM policy documents can be read at synth (JSON or aws_iam_policy_document)',
  area: 'iam',
  severity: 'low',
  suppressible: true,
  mappings: {},
  hint: 'build policies with JSON.stringify (tokens inside strings are fine) or an aws_iam_policy_document data source, not an HCL jsonencode expression',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const { finding, doc, raw } of identityPolicies(r, ctx)) {
      if (!doc) found.push(violation(`${finding} cannot be read at synth (${String(raw).slice(0, 40)}...)`, { finding }));
    }
    if (r.type === 'aws_iam_role' && r.attributes.assume_role_policy !== undefined && !ctx.policyDocument(r.attributes.assume_role_policy)) {
      found.push(violation('assume_role_policy cannot be read at synth', { finding: 'assume_role_policy' }));
    }
    return outcomes(found);
  },
};
