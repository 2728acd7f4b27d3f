import { StackContext } from '../../context';
import { outcomes, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { permissionsOf, SG_RESOURCE_TYPES } from './sg-helpers';

/** Ingress always names a protocol and ports: no "all traffic" rule from any source. */
export const sgNoAllProtocolsIngress: PolicyRule = {
  id: 'sg-no-all-protocols-ingress',
  title: 'Security group ingress never allows all protocols (-1)',
  area: 'network',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'state the protocol and the one port (or narrow range) the tier needs',
  resourceTypes: SG_RESOURCE_TYPES,
  check(r: PolicyResource, ctx: StackContext) {
    const found: RuleOutcome[] = [];
    for (const p of permissionsOf(r, ctx)) {
      if (p.direction === 'ingress' && p.protocol === '-1') found.push(violation(`${p.finding} allows every protocol and port`, { finding: p.finding }));
    }
    return outcomes(found);
  },
};
