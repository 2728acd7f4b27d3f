import { isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** Symmetric customer-managed keys rotate their key material automatically. */
export const kmsRotation: PolicyRule = {
  id: 'kms-rotation',
  title: 'Symmetric KMS keys have automatic rotation enabled',
  area: 'kms',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['3.6'], fsbp: ['KMS.4'], checkov: ['CKV_AWS_7'] },
  hint: 'set enable_key_rotation = true (DataClassKeys does)',
  resourceTypes: ['aws_kms_key'],
  check(key: PolicyResource, _ctx: StackContext) {
    const spec = key.attributes.customer_master_key_spec;
    if (typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') return NOT_APPLICABLE; // AWS cannot rotate asymmetric or HMAC keys
    return isTrue(key.attributes.enable_key_rotation) ? COMPLIANT : violation('enable_key_rotation is not true');
  },
};
