import { blocks, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';

const DATA_NAME = /(^|[-_ /])data([-_ /]|$)/i;

/** A subnet of the data tier: tag `Tier` = data, or `data` as a word in its Name tag. */
export function isDataSubnet(subnet: PolicyResource, ctx: StackContext): boolean {
  const tags = ctx.effectiveTags(subnet);
  const own = (subnet.attributes.tags ?? {}) as Record<string, unknown>;
  if (String(own.Tier ?? '').toLowerCase() === 'data') return true;
  return typeof tags.Name === 'string' && DATA_NAME.test(tags.Name);
}

function internetTarget(route: Record<string, any>, ctx: StackContext): string | undefined {
  if (route.nat_gateway_id) return 'a NAT gateway';
  if (route.egress_only_gateway_id) return 'an egress-only internet gateway';
  const gw = route.gateway_id;
  if (typeof gw === 'string') {
    const target = ctx.resolve(gw);
    if (target?.type === 'aws_internet_gateway' || (!target && /^igw-/.test(gw))) return 'an internet gateway';
  }
  return undefined;
}

function dataSubnetsOf(table: PolicyResource, ctx: StackContext): PolicyResource[] {
  return ctx
    .related('aws_route_table_association', 'route_table_id', table)
    .map((a) => ctx.resolve(a.attributes.subnet_id))
    .filter((s): s is PolicyResource => s !== undefined && s.type === 'aws_subnet' && isDataSubnet(s, ctx));
}

/** The data tier has no path to the internet: no route to an internet gateway or NAT. */
export const dataSubnetNoInternetRoute: PolicyRule = {
  id: 'data-subnet-no-internet-route',
  title: 'Route tables of data-tier subnets have no route to an internet gateway or NAT gateway',
  area: 'network',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'give data subnets their own route table with only local and VPC-endpoint routes',
  resourceTypes: ['aws_route_table', 'aws_route'],
  check(r: PolicyResource, ctx: StackContext) {
    const table = r.type === 'aws_route' ? ctx.resolve(r.attributes.route_table_id) : r;
    if (!table) return NOT_APPLICABLE;
    const subnets = dataSubnetsOf(table, ctx);
    if (subnets.length === 0) return NOT_APPLICABLE;
    const routes = r.type === 'aws_route' ? [{ route: r.attributes, finding: 'route' }] : blocks(r.attributes.route).map((route, i) => ({ route, finding: `route[${i}]` }));
    const found: RuleOutcome[] = [];
    for (const { route, finding } of routes) {
      const target = internetTarget(route, ctx);
      if (target) found.push(violation(`${finding} sends ${route.destination_cidr_block ?? route.destination_ipv6_cidr_block ?? 'traffic'} to ${target}, and the table serves data subnet(s) ${subnets.map((s) => s.address).join(', ')}`, { finding }));
    }
    return found.length ? outcomes(found) : COMPLIANT;
  },
};
