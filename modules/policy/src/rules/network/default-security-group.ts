import { blocks, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Each VPC's default security group is taken over and left without any rule. */
export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'vpc-default-security-group-closed',
  title: "Every VPC's default security group is managed and has no ingress or egress rules",
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['5.5'], fsbp: ['EC2.2'], checkov: ['CKV2_AWS_12'] },
  hint: 'add an aws_default_security_group for the VPC with no ingress and no egress blocks',
  resourceTypes: ['aws_vpc', 'aws_default_security_group'],
  check(r: PolicyResource, ctx: StackContext) {
    if (r.type === 'aws_default_security_group') {
      const n = blocks(r.attributes.ingress).length + blocks(r.attributes.egress).length;
      return n === 0 ? COMPLIANT : violation(`the default security group keeps ${n} rule(s)`);
    }
    return ctx.related('aws_default_security_group', 'vpc_id', r).length > 0
      ? COMPLIANT
      : violation('the VPC default security group is not taken over (it keeps AWS\'s allow-all-within-group rules)');
  },
};
