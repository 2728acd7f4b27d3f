import { PolicyDocument, policySize } from '@rampart/core';
export { ROOT_TARGET, validateScpTargetId, validateBreakGlassRolePattern } from '@rampart/core';

/** Longest service control policy AWS Organizations accepts, in characters (whitespace excluded). */
export const SCP_MAX_CHARACTERS = 5120;

/** Characters AWS counts for an SCP: its minified JSON's length. */
export function scpSize(document: PolicyDocument): number {
  return policySize(document);
}
