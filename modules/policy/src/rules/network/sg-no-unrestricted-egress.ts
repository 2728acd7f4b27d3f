import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { isOpenToWorld, permissionsOf, SG_RESOURCE_TYPES } from './sg-helpers';

/** Egress is stated per tier: never every protocol to the whole internet. */
export const sgNoUnrestrictedEgress: PolicyRule = {
  id: 'sg-no-unrestricted-egress',
  title: 'Security group egress never allows all protocols to 0.0.0.0/0 or ::/0',
  area: 'network',
  severity: 'medium',
  suppressible: true,
  mappings: {},
  hint: 'allow only what the tier needs, e.g. TCP 443 to the VPC endpoints or the database port to the db group',
  resourceTypes: SG_RESOURCE_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const p of permissionsOf(r, ctx)) {
      if (p.direction === 'egress' && p.protocol === '-1' && isOpenToWorld(p)) found.push(violation(`${p.finding} allows all traffic to the internet`, { finding: p.finding }));
    }
    return outcomes(found);
  },
};
