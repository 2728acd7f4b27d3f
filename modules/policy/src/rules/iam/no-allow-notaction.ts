import { PolicyRule } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { checkStatementsOnEveryResource } from './service-wildcard-helpers';

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
  check: checkStatementsOnEveryResource((s) => (s.notActions.length > 0 ? `every action except ${s.notActions.join(', ')}` : undefined)),
};
