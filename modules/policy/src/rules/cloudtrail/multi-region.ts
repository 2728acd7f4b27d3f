import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Trails record every region (and global service events). */
export const cloudtrailMultiRegion: PolicyRule = {
  id: 'cloudtrail-multi-region',
  title: 'CloudTrail trails are multi-region and include global service events',
  area: 'cloudtrail',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['3.1'], fsbp: ['CloudTrail.1'], checkov: ['CKV_AWS_67'] },
  hint: 'set is_multi_region_trail = true and leave include_global_service_events true (AuditTrail does)',
  resourceTypes: ['aws_cloudtrail'],
  check(trail: PolicyResource, _ctx: StackContext) {
    if (!isTrue(trail.attributes.is_multi_region_trail)) return violation('is_multi_region_trail is not true');
    if (trail.attributes.include_global_service_events === false) return violation('include_global_service_events is false');
    return COMPLIANT;
  },
};
