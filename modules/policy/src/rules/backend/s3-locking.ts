import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Two runs can never write the same state at once. */
export const backendS3Locking: PolicyRule = {
  id: 'backend-s3-locking',
  title: 'The S3 state backend locks state (use_lockfile or dynamodb_table)',
  area: 'backend',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'set use_lockfile = true (Terraform 1.11 native locking) and/or dynamodb_table',
  resourceTypes: ['terraform_backend'],
  check(b: PolicyResource, _ctx: StackContext) {
    if (b.name !== 's3') return NOT_APPLICABLE;
    const table = b.attributes.dynamodb_table;
    return isTrue(b.attributes.use_lockfile) || (typeof table === 'string' && table.length > 0) ? COMPLIANT : violation('neither use_lockfile nor dynamodb_table is set');
  },
};
