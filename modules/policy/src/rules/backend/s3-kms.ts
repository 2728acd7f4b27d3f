import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Remote state is encrypted with the state CMK. */
export const backendS3Kms: PolicyRule = {
  id: 'backend-s3-kms',
  title: 'The S3 state backend names a KMS key (kms_key_id)',
  area: 'backend',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: "set kms_key_id to the state key's ARN or alias",
  resourceTypes: ['terraform_backend'],
  check(b: PolicyResource, _ctx: StackContext) {
    if (b.name !== 's3') return NOT_APPLICABLE;
    const key = b.attributes.kms_key_id;
    return typeof key === 'string' && key.length > 0 ? COMPLIANT : violation('kms_key_id is not set');
  },
};
