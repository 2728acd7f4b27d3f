import { block, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Instances answer metadata requests only with session tokens (IMDSv2), or not at all. */
export const ec2Imdsv2: PolicyRule = {
  id: 'ec2-imdsv2',
  title: 'EC2 instances and launch templates require IMDSv2 (http_tokens = required)',
  area: 'ec2',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['5.7'], fsbp: ['EC2.8'], checkov: ['CKV_AWS_79'] },
  hint: 'set metadata_options { http_tokens = "required" } (or http_endpoint = "disabled")',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  check(r: PolicyResource, _ctx: StackContext) {
    const opts = block(r.attributes.metadata_options);
    if (opts?.http_endpoint === 'disabled' || opts?.http_tokens === 'required') return COMPLIANT;
    return violation(`metadata_options.http_tokens is ${opts?.http_tokens ? `"${opts.http_tokens}"` : 'not set'}, so IMDSv1 answers without a session token`);
  },
};
