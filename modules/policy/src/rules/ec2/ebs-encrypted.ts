import { block, blocks, isTrue, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

/** True when the stack turns on EBS encryption by default (then volumes the template leaves unset are encrypted). */
function defaultEncryptionInStack(ctx: StackContext): boolean {
  return ctx.ofType('aws_ebs_encryption_by_default').some((r) => r.attributes.enabled !== false && r.attributes.enabled !== 'false');
}

/** The state of one volume's `encrypted`: true, explicitly false, or unset. */
function state(value: unknown): 'on' | 'off' | 'unset' {
  if (isTrue(value)) return 'on';
  return value === false || value === 'false' ? 'off' : 'unset';
}

/**
 * EBS volumes are encrypted: aws_ebs_volume, the root and EBS block devices of aws_instance and
 * aws_launch_configuration, and the EBS block device mappings of aws_launch_template. A volume
 * left unset counts as encrypted only when the stack turns on EBS encryption by default; one set
 * to false is always a finding.
 */
export const ebsVolumesEncrypted: PolicyRule = {
  id: 'ebs-volumes-encrypted',
  title: 'EBS volumes, instance block devices and launch templates are encrypted',
  area: 'ec2',
  severity: 'high',
  suppressible: true,
  mappings: { fsbp: ['EC2.3'], checkov: ['CKV_AWS_3', 'CKV_AWS_8'] },
  hint: 'set encrypted = true (with kms_key_id for a customer-managed key) on every volume and block device mapping, or turn on aws_ebs_encryption_by_default in the stack (AccountHardening does)',
  resourceTypes: ['aws_ebs_volume', 'aws_instance', 'aws_launch_configuration', 'aws_launch_template'],
  check(r: PolicyResource, ctx: StackContext) {
    const byDefault = defaultEncryptionInStack(ctx);
    const judge = (what: string, value: unknown): RuleOutcome | undefined => {
      const s = state(value);
      if (s === 'on' || (s === 'unset' && byDefault)) return undefined;
      return violation(s === 'off' ? `${what} sets encrypted = false` : `${what} does not set encrypted = true and the stack does not turn on EBS encryption by default`, { finding: what });
    };
    const found: Array<RuleOutcome | undefined> = [];
    if (r.type === 'aws_ebs_volume') {
      found.push(judge('volume', r.attributes.encrypted));
    } else if (r.type === 'aws_launch_template') {
      const mappings = blocks(r.attributes.block_device_mappings);
      const ebs = mappings.map((m, i) => ({ name: typeof m.device_name === 'string' ? m.device_name : `block_device_mappings[${i}]`, ebs: block(m.ebs) })).filter((m) => m.ebs);
      if (ebs.length === 0)
        return byDefault
          ? COMPLIANT
          : violation('no EBS block device mapping sets encrypted = true, so volumes follow the AMI, and the stack does not turn on EBS encryption by default', { finding: 'block_device_mappings' });
      for (const m of ebs) found.push(judge(m.name, m.ebs!.encrypted));
    } else {
      const root = block(r.attributes.root_block_device);
      if (r.type === 'aws_instance' && !root && !byDefault)
        found.push(violation('root_block_device is not set, so the root volume follows the AMI, and the stack does not turn on EBS encryption by default', { finding: 'root_block_device' }));
      if (root) found.push(judge('root_block_device', root.encrypted));
      blocks(r.attributes.ebs_block_device).forEach((b, i) => found.push(judge(typeof b.device_name === 'string' ? b.device_name : `ebs_block_device[${i}]`, b.encrypted)));
      if (!root && blocks(r.attributes.ebs_block_device).length === 0 && r.type === 'aws_launch_configuration') return byDefault ? COMPLIANT : NOT_APPLICABLE;
    }
    return outcomes(found.filter((x): x is RuleOutcome => x !== undefined));
  },
};
