import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** A trail records: enable_logging is not false (the provider's default is true). */
export const cloudtrailLoggingEnabled: PolicyRule = {
  id: 'cloudtrail-logging-enabled',
  title: 'CloudTrail trails are logging (enable_logging is not false)',
  area: 'cloudtrail',
  severity: 'high',
  suppressible: true,
  // AuditTrail's named opt-out `enableLogging: false` (reported at synth; only for an emulator
  // whose StartLogging fails) waives the finding for its own trail.
  waivedBy: ['logging.audit-trail.logging-disabled'],
  mappings: { cis: ['3.1'], fsbp: ['CloudTrail.1'], checkov: ['CKV_AWS_251'] },
  hint: 'remove enable_logging = false (or set it true); a trail that does not log records nothing (AuditTrail leaves it on)',
  resourceTypes: ['aws_cloudtrail'],
  check(trail: PolicyResource, _ctx: StackContext) {
    const v = trail.attributes.enable_logging;
    return v === false || v === 'false' ? violation('enable_logging is false: the trail records no events') : COMPLIANT;
  },
};
