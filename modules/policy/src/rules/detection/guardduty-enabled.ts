import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** GuardDuty detectors are enabled. */
export const guarddutyEnabled: PolicyRule = {
  id: 'guardduty-enabled',
  title: 'GuardDuty detectors are enabled',
  area: 'detection',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['GuardDuty.1'], checkov: ['CKV2_AWS_3'] },
  hint: 'leave enable = true on aws_guardduty_detector (GuardDutyOrganization does)',
  resourceTypes: ['aws_guardduty_detector'],
  check(r: PolicyResource, _ctx: StackContext) {
    return r.attributes.enable === false || r.attributes.enable === 'false' ? violation('enable is false') : COMPLIANT;
  },
};
