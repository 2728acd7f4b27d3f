import { StackContext } from '../../context';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { allowStatements, grantsAsIdentityPolicy, onEveryResource, PRIVILEGED_SERVICES, serviceWideService } from './service-wildcard-helpers';

/**
 * The general form: no identity policy allows every action of any one service (`<service>:*`) on
 * every resource. The privileged services are `iam-no-privileged-service-wildcard`'s, so one
 * statement is reported once.
 */
export const iamNoServiceWildcard: PolicyRule = {
  id: 'iam-no-service-wildcard',
  title: 'IAM policies never allow every action of a service (<service>:*) on every resource',
  area: 'iam',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'list the actions the role needs, or scope Resource to the resources it works on',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const { finding, s } of allowStatements(r, ctx)) {
      if (!onEveryResource(s)) continue;
      const services = [...new Set(s.actions.map(serviceWideService).filter((x): x is string => x !== undefined && !PRIVILEGED_SERVICES.includes(x)))].sort();
      if (services.length) found.push(violation(`${finding} statement ${s.sid ?? ''} allows ${services.map((x) => `${x}:*`).join(', ')} on "*"`.replace('  ', ' '), { finding }));
    }
    return outcomes(found);
  },
};
