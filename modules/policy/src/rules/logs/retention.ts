import { asNumber, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Every log group states how long it keeps logs (0 means forever, which is not a decision). */
export const logsRetention: PolicyRule = {
  id: 'logs-retention',
  title: 'CloudWatch log groups set a retention period',
  area: 'logs',
  severity: 'medium',
  suppressible: true,
  mappings: { checkov: ['CKV_AWS_66'] },
  hint: 'set retention_in_days from the retention table (flow logs 90, application 30 / 365 with PII, audit 365)',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group: PolicyResource, _ctx: StackContext) {
    const raw = group.attributes.retention_in_days;
    if (raw === undefined) return violation('retention_in_days is not set (logs would be kept forever)');
    const days = asNumber(raw);
    if (days !== undefined && days <= 0) return violation(`retention_in_days is ${days}`);
    return COMPLIANT;
  },
};
