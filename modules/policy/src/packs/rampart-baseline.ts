import { ALL_RULES } from '../rules';
import { PolicyPack } from '../types';

/**
 * The baseline pack: every rule derived from the seeds' design principles (private by default,
 * CMK per sensitive data class, roles over users, tamper-proof logging, hardened containers,
 * tagged and locked state). Every Rampart stack runs it.
 */
export const RAMPART_BASELINE: PolicyPack = {
  name: 'rampart-baseline',
  description: 'Secure-by-default baseline for AWS stacks synthesised with cdktf',
  rules: ALL_RULES,
};
