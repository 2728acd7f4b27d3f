import { isTrue, StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** No subnet hands out public IPs at launch. */
export const subnetNoPublicIp: PolicyRule = {
  id: 'subnet-no-public-ip',
  title: 'Subnets do not assign public IPs on launch',
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: { fsbp: ['EC2.15'], checkov: ['CKV_AWS_130'] },
  hint: 'set map_public_ip_on_launch = false; only load balancers and NAT gateways belong in public subnets',
  resourceTypes: ['aws_subnet', 'aws_default_subnet'],
  check(subnet: PolicyResource, _ctx: StackContext) {
    return isTrue(subnet.attributes.map_public_ip_on_launch) ? violation('map_public_ip_on_launch is true') : COMPLIANT;
  },
};
