import { StackContext } from '../../context';
import { admitsAnyone, narrowsPrincipals } from '../../policy-document';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

/** No role can be assumed by anyone without a condition. */
export const iamNoPublicTrust: PolicyRule = {
  id: 'iam-no-public-trust',
  title: 'Role trust policies never admit principal "*" without a condition that restricts the principal (never suppressible)',
  area: 'iam',
  severity: 'critical',
  suppressible: false,
  mappings: {},
  hint: 'name the account, role, service or OIDC provider that may assume the role',
  resourceTypes: ['aws_iam_role'],
  check(role: PolicyResource, ctx: StackContext) {
    const doc = ctx.policyDocument(role.attributes.assume_role_policy);
    const found: RuleOutcome[] = [];
    doc?.statements.forEach((s, i) => {
      if (s.effect === 'Allow' && admitsAnyone(s.principals) && !narrowsPrincipals(s)) {
        found.push(violation(`trust statement ${s.sid ?? i} lets anyone assume the role`, { finding: s.sid ?? `statement-${i}` }));
      }
    });
    return outcomes(found);
  },
};
