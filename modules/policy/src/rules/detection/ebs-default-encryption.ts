import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** EBS encryption by default is on, and its key setting names a key. */
export const ebsDefaultEncryption: PolicyRule = {
  id: 'ebs-default-encryption',
  title: 'EBS encryption by default is enabled',
  area: 'detection',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['2.2.1'], fsbp: ['EC2.7'] },
  hint: 'set enabled = true on aws_ebs_encryption_by_default and a key on aws_ebs_default_kms_key (AccountHardening does)',
  resourceTypes: ['aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key'],
  check(r: PolicyResource, _ctx: StackContext) {
    if (r.type === 'aws_ebs_default_kms_key') return typeof r.attributes.key_arn === 'string' && r.attributes.key_arn !== '' ? COMPLIANT : violation('key_arn is empty');
    return r.attributes.enabled === false || r.attributes.enabled === 'false' ? violation('enabled is false') : COMPLIANT;
  },
};
