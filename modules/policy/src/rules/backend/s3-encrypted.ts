import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Remote state is encrypted at rest. */
export const backendS3Encrypted: PolicyRule = {
  id: 'backend-s3-encrypted',
  title: 'The S3 state backend encrypts state (encrypt = true)',
  area: 'backend',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'set encrypt = true on the S3 backend (the backend wiring does)',
  resourceTypes: ['terraform_backend'],
  check(b: PolicyResource, _ctx: StackContext) {
    if (b.name !== 's3') return NOT_APPLICABLE;
    return isTrue(b.attributes.encrypt) ? COMPLIANT : violation('encrypt is not true');
  },
};
