import { PolicyPack } from '../types';
import { RAMPART_BASELINE } from './rampart-baseline';

import { AWS_FSBP, CIS_AWS_FOUNDATIONS } from './frameworks';

export { RAMPART_BASELINE } from './rampart-baseline';
export { AWS_FSBP, CIS_AWS_FOUNDATIONS, frameworkPack } from './frameworks';

/** Packs by name (the CLI's --pack). */
export const PACKS: Readonly<Record<string, PolicyPack>> = {
  [RAMPART_BASELINE.name]: RAMPART_BASELINE,
  [CIS_AWS_FOUNDATIONS.name]: CIS_AWS_FOUNDATIONS,
  [AWS_FSBP.name]: AWS_FSBP,
};

/** Checks that a pack's rule ids are unique; returns the duplicates. */
export function duplicateRuleIds(pack: PolicyPack): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of pack.rules) (seen.has(r.id) ? dup : seen).add(r.id);
  return [...dup].sort();
}
