import { PolicyRule } from '../../types';
import { IDENTITY_POLICY_TYPES } from './iam-helpers';
import { checkStatementsOnEveryResource, PRIVILEGED_SERVICES, serviceWildcards } from './service-wildcard-helpers';

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
  check: checkStatementsOnEveryResource((s) => serviceWildcards(s, (service) => PRIVILEGED_SERVICES.includes(service))),
};
