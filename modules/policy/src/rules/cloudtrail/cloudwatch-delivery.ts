import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Trails also deliver to CloudWatch Logs, where the CIS metric filters and alarms watch them. */
export const cloudtrailCloudwatchDelivery: PolicyRule = {
  id: 'cloudtrail-cloudwatch-delivery',
  title: 'CloudTrail trails deliver to a CloudWatch log group',
  area: 'cloudtrail',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['CloudTrail.5'] },
  hint: 'set cloud_watch_logs_group_arn (the group ARN with ":*") and cloud_watch_logs_role_arn (a role scoped to that group)',
  resourceTypes: ['aws_cloudtrail'],
  check(trail: PolicyResource, _ctx: StackContext) {
    const group = trail.attributes.cloud_watch_logs_group_arn;
    const role = trail.attributes.cloud_watch_logs_role_arn;
    if (typeof group !== 'string' || group.length === 0) return violation('cloud_watch_logs_group_arn is not set');
    if (typeof role !== 'string' || role.length === 0) return violation('cloud_watch_logs_role_arn is not set');
    return COMPLIANT;
  },
};
