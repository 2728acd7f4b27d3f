import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Trail logs are encrypted with a customer-managed key (the logs key). */
export const cloudtrailKms: PolicyRule = {
  id: 'cloudtrail-kms',
  title: 'CloudTrail logs are encrypted with a KMS customer-managed key',
  area: 'cloudtrail',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['3.5'], fsbp: ['CloudTrail.2'], checkov: ['CKV_AWS_35'] },
  hint: "set kms_key_id to the logs key's ARN",
  resourceTypes: ['aws_cloudtrail'],
  check(trail: PolicyResource, _ctx: StackContext) {
    const key = trail.attributes.kms_key_id;
    return typeof key === 'string' && key.length > 0 ? COMPLIANT : violation('kms_key_id is not set');
  },
};
