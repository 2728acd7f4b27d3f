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

/** True when some aws_main_route_table_association makes a table the main table of `vpc`. */
function hasMainAssociation(vpc: PolicyResource, ctx: StackContext): boolean {
  return ctx.related('aws_main_route_table_association', 'vpc_id', vpc).length > 0;
}

/**
 * The VPCs whose main route table `table` is: named by an aws_main_route_table_association; or
 * the VPC's default route table (aws_default_route_table, or routes written straight into
 * `${aws_vpc.x.default_route_table_id}` / `main_route_table_id`) while no association replaces it.
 */
function mainTableOf(table: PolicyResource, ctx: StackContext): PolicyResource[] {
  if (table.type === 'aws_route_table') {
    return ctx
      .related('aws_main_route_table_association', 'route_table_id', table)
      .map((a) => ctx.resolve(a.attributes.vpc_id))
      .filter((v): v is PolicyResource => v?.type === 'aws_vpc');
  }
  const vpc = table.type === 'aws_vpc' ? table : ctx.resolve(table.attributes.default_route_table_id);
  return vpc?.type === 'aws_vpc' && !hasMainAssociation(vpc, ctx) ? [vpc] : [];
}

/**
 * Data subnets a table serves: those explicitly associated with it, and, when it is a VPC's main
 * route table, the data subnets of that VPC without an explicit association (they use the main table).
 */
function dataSubnetsOf(table: PolicyResource, ctx: StackContext): PolicyResource[] {
  const explicit = table.type === 'aws_vpc' ? [] : ctx.related('aws_route_table_association', 'route_table_id', table).map((a) => ctx.resolve(a.attributes.subnet_id));
  const implicit = mainTableOf(table, ctx).flatMap((vpc) =>
    ctx.ofType('aws_subnet').filter((s) => ctx.refersTo(s.attributes.vpc_id, vpc) && ctx.related('aws_route_table_association', 'subnet_id', s).length === 0),
  );
  const out = new Map<string, PolicyResource>();
  for (const s of [...explicit, ...implicit]) if (s !== undefined && s.type === 'aws_subnet' && isDataSubnet(s, ctx)) out.set(s.address, s);
  return [...out.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
}

/** The data tier has no path to the internet: no route to an internet gateway or NAT. */
export const dataSubnetNoInternetRoute: PolicyRule = {
  id: 'data-subnet-no-internet-route',
  title: 'Route tables of data-tier subnets have no route to an internet gateway or NAT gateway',
  area: 'network',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'associate data subnets explicitly with their own route table that has only local and VPC-endpoint routes (a subnet without an association uses the VPC main route table)',
  resourceTypes: ['aws_route_table', 'aws_default_route_table', 'aws_route'],
  check(r: PolicyResource, ctx: StackContext) {
    const table = r.type === 'aws_route' ? ctx.resolve(r.attributes.route_table_id) : r;
    if (!table) return NOT_APPLICABLE;
    const subnets = dataSubnetsOf(table, ctx);
    if (subnets.length === 0) return NOT_APPLICABLE;
    const routes = r.type === 'aws_route' ? [{ route: r.attributes, finding: 'route' }] : blocks(r.attributes.route).map((route, i) => ({ route, finding: `route[${i}]` }));
    const found: RuleOutcome[] = [];
    for (const { route, finding } of routes) {
      const target = internetTarget(route, ctx);
      if (target)
        found.push(
          violation(
            `${finding} sends ${route.destination_cidr_block ?? route.destination_ipv6_cidr_block ?? 'traffic'} to ${target}, and the table serves data subnet(s) ${subnets.map((s) => s.address).join(', ')}`,
            { finding },
          ),
        );
    }
    return found.length ? outcomes(found) : COMPLIANT;
  },
};
