import { PolicyPack } from '../types';
import { RAMPART_BASELINE } from './rampart-baseline';

export { RAMPART_BASELINE } from './rampart-baseline';

/** Packs by name (the CLI's --pack). */
export const PACKS: Readonly<Record<string, PolicyPack>> = {
  [RAMPART_BASELINE.name]: RAMPART_BASELINE,
};

/** Checks that a pack's rule ids are unique; returns the duplicates. */
export function duplicateRuleIds(pack: PolicyPack): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of pack.rules) (seen.has(r.id) ? dup : seen).add(r.id);
  return [...dup].sort();
}
