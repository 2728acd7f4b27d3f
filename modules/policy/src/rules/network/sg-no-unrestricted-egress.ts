import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { isOpenToWorld, permissionsOf, SgPermission, SG_RESOURCE_TYPES } from './sg-helpers';

/** Every protocol, or TCP or UDP on every port (0-65535, -1, or ports not given). */
function allTraffic(p: SgPermission): string | undefined {
  if (p.protocol === '-1') return 'all traffic';
  if (p.protocol !== 'tcp' && p.protocol !== 'udp') return undefined;
  const from = p.fromPort === undefined || p.fromPort === -1 ? 0 : p.fromPort;
  const to = p.toPort === undefined || p.toPort === -1 ? 65535 : p.toPort;
  return from <= 0 && to >= 65535 ? `${p.protocol.toUpperCase()} on every port` : undefined;
}

/** Egress is stated per tier: never every protocol to the whole internet. */
export const sgNoUnrestrictedEgress: PolicyRule = {
  id: 'sg-no-unrestricted-egress',
  title: 'Security group egress never allows all protocols, or TCP or UDP on every port, to 0.0.0.0/0 or ::/0',
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'allow only what the tier needs, e.g. TCP 443 to the VPC endpoints or the database port to the db group',
  resourceTypes: SG_RESOURCE_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const p of permissionsOf(r, ctx)) {
      if (p.direction !== 'egress' || !isOpenToWorld(p)) continue;
      const what = allTraffic(p);
      if (what) found.push(violation(`${p.finding} allows ${what} to the internet`, { finding: p.finding }));
    }
    return outcomes(found);
  },
};
