import { StackContext } from '../../context';
import { NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { allowStatements, grantsAsIdentityPolicy, onEveryResource, PRIVILEGED_SERVICES, serviceWideService } from './service-wildcard-helpers';

/**
 * No identity policy allows every action of iam, kms, organizations, s3 or sts on every resource:
 * `iam:*` or `sts:*` on `*` is a path to administrator, `kms:*` on `*` decrypts every key's data,
 * `s3:*` on `*` reads and deletes every bucket, `organizations:*` rewrites the guardrails.
 * Permission boundaries and SCPs are not identity policies and are not inspected.
 */
export const iamNoPrivilegedServiceWildcard: PolicyRule = {
  id: 'iam-no-privileged-service-wildcard',
  title: 'IAM policies never allow iam:*, kms:*, organizations:*, s3:* or sts:* on every resource',
  area: 'iam',
  severity: 'critical',
  suppressible: true,
  mappings: { fsbp: ['KMS.1'] },
  hint: 'list the actions the role needs and scope Resource to the keys, buckets, roles or accounts it works on',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    if (!grantsAsIdentityPolicy(r, ctx)) return NOT_APPLICABLE;
    const found: RuleOutcome[] = [];
    for (const { finding, s } of allowStatements(r, ctx)) {
      if (!onEveryResource(s)) continue;
      const services = [...new Set(s.actions.map(serviceWideService).filter((x): x is string => x !== undefined && PRIVILEGED_SERVICES.includes(x)))].sort();
      if (services.length) found.push(violation(`${finding} statement ${s.sid ?? ''} allows ${services.map((x) => `${x}:*`).join(', ')} on "*"`.replace('  ', ' '), { finding }));
    }
    return outcomes(found);
  },
};
