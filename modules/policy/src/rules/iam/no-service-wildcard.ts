import { PolicyRule } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { checkStatementsOnEveryResource, PRIVILEGED_SERVICES, serviceWildcards } from './service-wildcard-helpers';

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
  check: checkStatementsOnEveryResource((s) => serviceWildcards(s, (service) => !PRIVILEGED_SERVICES.includes(service))),
};
