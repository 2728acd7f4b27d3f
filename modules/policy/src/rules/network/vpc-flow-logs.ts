import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** Every VPC records ALL traffic in a flow log. */
export const vpcFlowLogs: PolicyRule = {
  id: 'vpc-flow-logs',
  title: 'VPCs have a flow log capturing ALL traffic',
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: { cis: ['3.7'], fsbp: ['EC2.6'], checkov: ['CKV2_AWS_11'] },
  hint: 'add an aws_flow_log with vpc_id set to the VPC and traffic_type = "ALL" (TieredVpc does)',
  resourceTypes: ['aws_vpc'],
  check(vpc: PolicyResource, ctx: StackContext) {
    const logs = ctx.related('aws_flow_log', 'vpc_id', vpc);
    if (logs.length === 0) return violation('no aws_flow_log targets the VPC');
    return logs.some((l) => l.attributes.traffic_type === 'ALL') ? COMPLIANT : violation(`flow logs capture only ${logs.map((l) => l.attributes.traffic_type).join(', ')} traffic, not ALL`);
  },
};
