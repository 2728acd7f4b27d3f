import { isToken, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Secrets are encrypted with the secrets CMK, not the AWS-managed aws/secretsmanager key. */
export const secretsManagerCmk: PolicyRule = {
  id: 'secretsmanager-cmk',
  title: 'Secrets Manager secrets are encrypted with a customer-managed key',
  area: 'secrets',
  severity: 'high',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_149'] },
  hint: "set kms_key_id to the secrets key's ARN (ManagedSecret does)",
  resourceTypes: ['aws_secretsmanager_secret'],
  check(secret: PolicyResource, _ctx: StackContext) {
    const key = secret.attributes.kms_key_id;
    if (typeof key !== 'string' || key.length === 0) return violation('kms_key_id is not set, so the AWS-managed key aws/secretsmanager is used');
    if (!isToken(key) && /alias\/aws\/secretsmanager$/.test(key)) return violation('kms_key_id names the AWS-managed key aws/secretsmanager');
    return COMPLIANT;
  },
};
