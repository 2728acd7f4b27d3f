import { isToken, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

/** SecureString parameters are encrypted with the secrets CMK, not aws/ssm. */
export const ssmSecureStringCmk: PolicyRule = {
  id: 'ssm-securestring-cmk',
  title: 'SSM SecureString parameters are encrypted with a customer-managed key',
  area: 'secrets',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_337'] },
  hint: "set key_id to the secrets key's ARN (SecureParameter does)",
  resourceTypes: ['aws_ssm_parameter'],
  check(p: PolicyResource, _ctx: StackContext) {
    if (p.attributes.type !== 'SecureString') return NOT_APPLICABLE;
    const key = p.attributes.key_id;
    if (typeof key !== 'string' || key.length === 0) return violation('key_id is not set, so the AWS-managed key aws/ssm is used');
    if (!isToken(key) && /alias\/aws\/ssm$/.test(key)) return violation('key_id names the AWS-managed key aws/ssm');
    return COMPLIANT;
  },
};
