import { StackContext } from '../../context';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { allowStatements, grantsAsIdentityPolicy, onEveryResource } from './service-wildcard-helpers';

/**
 * No identity policy combines Allow with NotAction on every resource: "everything except these
 * actions" on `*` is administrator access minus a list, and grows with every new AWS service.
 */
export const iamNoAllowNotAction: PolicyRule = {
  id: 'iam-no-allow-notaction',
  title: 'IAM policies never use Allow with NotAction on every resource',
  area: 'iam',
  severity: 'critical',
  suppressible: true,
  mappings: {},
  hint: 'replace NotAction with the list of actions the role needs (NotAction belongs in Deny statements)',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const { finding, s } of allowStatements(r, ctx)) {
      if (s.notActions.length > 0 && onEveryResource(s)) {
        found.push(violation(`${finding} statement ${s.sid ?? ''} allows every action except ${s.notActions.join(', ')} on "*"`.replace('  ', ' '), { finding }));
      }
    }
    return outcomes(found);
  },
};
