import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Log groups are encrypted with a customer-managed key. */
export const logsKms: PolicyRule = {
  id: 'logs-kms',
  title: 'CloudWatch log groups are encrypted with a KMS key',
  area: 'logs',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_158'] },
  hint: "set kms_key_id to the logs key's ARN (its policy admits the CloudWatch Logs service for this account's log groups)",
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group: PolicyResource, _ctx: StackContext) {
    const key = group.attributes.kms_key_id;
    return typeof key === 'string' && key.length > 0 ? COMPLIANT : violation('kms_key_id is not set');
  },
};
