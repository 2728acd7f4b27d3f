import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/**
 * Production state lives remotely: the S3 backend with encryption and locking on, or a `cloud`
 * block (HCP Terraform / Terraform Enterprise). Local state on one machine, or any other backend,
 * fails in production stacks; other stacks are not checked by this rule. The one exception is the
 * stack that creates the state store itself (`stateBootstrap`): it cannot keep its state in a bucket
 * that does not exist yet, so its local state is not applicable until it is migrated; the stack
 * reports that as an opt-out, and once migrated it is checked like any other.
 */
export const stateBackendRemoteInProduction: PolicyRule = {
  id: 'state-backend-remote-in-production',
  title: 'Production stacks keep state remotely: the S3 backend with encrypt and locking, or a cloud block',
  area: 'backend',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'configure the S3 backend (encrypt = true, use_lockfile = true and/or dynamodb_table) or a terraform cloud block for the stack',
  resourceTypes: ['terraform_backend'],
  check(b: PolicyResource, ctx: StackContext) {
    if (!ctx.production) return NOT_APPLICABLE;
    if (b.name === 'cloud' && b.address === 'terraform.cloud') return COMPLIANT;
    if (b.name === 's3') {
      const table = b.attributes.dynamodb_table;
      const locked = isTrue(b.attributes.use_lockfile) || (typeof table === 'string' && table.length > 0);
      const encrypted = isTrue(b.attributes.encrypt);
      if (locked && encrypted) return COMPLIANT;
      return violation(`the S3 backend of a production stack lacks ${[encrypted ? '' : 'encrypt = true', locked ? '' : 'locking (use_lockfile or dynamodb_table)'].filter(Boolean).join(' and ')}`);
    }
    if (b.name === 'local' && ctx.stateBootstrap) return NOT_APPLICABLE;
    if (b.name === 'local') return violation('the production stack keeps its state in a local file (no backend, or the local backend)');
    return violation(`the production stack keeps state in the ${b.name} backend; only the S3 backend (encrypted, locked) or a cloud block are accepted`);
  },
};
