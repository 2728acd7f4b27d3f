import { blocks, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';

const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

/** True when a rule resource's security_group_id is a VPC's default group (taken over, or as aws_vpc.default_security_group_id). */
function targetsDefaultGroup(rule: PolicyResource, ctx: StackContext): boolean {
  const id = rule.attributes.security_group_id;
  const target = ctx.resolve(id);
  if (target?.type === 'aws_default_security_group') return true;
  return target?.type === 'aws_vpc' && typeof id === 'string' && /\.default_security_group_id\b/.test(id);
}

/**
 * Each VPC's default security group is taken over and left without any rule: no inline ingress or
 * egress, and no separate rule resource (aws_security_group_rule, aws_vpc_security_group_*_rule)
 * that opens it.
 */
export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'vpc-default-security-group-closed',
  title: "Every VPC's default security group is managed and has no ingress or egress rules",
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['5.5'], fsbp: ['EC2.2'], checkov: ['CKV2_AWS_12'] },
  hint: 'add an aws_default_security_group for the VPC with no ingress and no egress blocks, and attach no rule resources to it; give workloads their own security groups',
  resourceTypes: ['aws_vpc', 'aws_default_security_group', ...RULE_TYPES],
  check(r: PolicyResource, ctx: StackContext) {
    if (RULE_TYPES.includes(r.type)) return targetsDefaultGroup(r, ctx) ? violation(`${r.type} adds a rule to the VPC default security group`) : NOT_APPLICABLE;
    if (r.type === 'aws_default_security_group') {
      const n = blocks(r.attributes.ingress).length + blocks(r.attributes.egress).length;
      return n === 0 ? COMPLIANT : violation(`the default security group keeps ${n} rule(s)`);
    }
    return ctx.related('aws_default_security_group', 'vpc_id', r).length > 0 ? COMPLIANT : violation("the VPC default security group is not taken over (it keeps AWS's allow-all-within-group rules)");
  },
};
