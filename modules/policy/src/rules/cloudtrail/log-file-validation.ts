import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Trails sign digest files so that tampering is detectable. */
export const cloudtrailLogFileValidation: PolicyRule = {
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail log file validation is enabled',
  area: 'cloudtrail',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['3.2'], fsbp: ['CloudTrail.4'], checkov: ['CKV_AWS_36'] },
  hint: 'set enable_log_file_validation = true',
  resourceTypes: ['aws_cloudtrail'],
  check(trail: PolicyResource, _ctx: StackContext) {
    return isTrue(trail.attributes.enable_log_file_validation) ? COMPLIANT : violation('enable_log_file_validation is not true');
  },
};
