import { PERMISSION_BOUNDARY_OPT_OUT } from '@rampart/core';
import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** True when a literal (or partly literal) policy ARN names the boundary policy by its path and name. */
function namesPolicy(value: string, policy: PolicyResource): boolean {
  const name = policy.attributes.name;
  if (typeof name !== 'string' || name.length === 0 || name.includes('${')) return false;
  const path = typeof policy.attributes.path === 'string' ? policy.attributes.path : '/';
  return value.startsWith('arn:') && value.endsWith(`:policy${path}${name}`);
}

/**
 * Every role is capped by the stack's permissions boundary: a role without one fails, and, when the
 * stack has a boundary policy (`PermissionBoundaryPolicy` marks its own), a role with any other
 * boundary fails too. Roles under `exemptFromPermissionBoundary(scope, reason)` are waived: the
 * report lists them under `waived` with the opt-out's path and reason.
 */
export const iamRolePermissionsBoundary: PolicyRule = {
  id: 'iam-role-permissions-boundary',
  title: "Every IAM role has the stack's permissions boundary",
  area: 'iam',
  severity: 'high',
  suppressible: true,
  waivedBy: [PERMISSION_BOUNDARY_OPT_OUT],
  mappings: {},
  hint: "set permissions_boundary to the stack's boundary policy (RampartStack's boundary aspect does this for every role), or exempt the role's scope with exemptFromPermissionBoundary(scope, reason) from @rampart/identity",
  resourceTypes: ['aws_iam_role'],
  check(role: PolicyResource, ctx: StackContext) {
    const b = role.attributes.permissions_boundary;
    if (typeof b !== 'string' || b.length === 0) return violation('the role has no permissions_boundary');
    const boundaries = ctx.permissionBoundaries();
    if (boundaries.length === 0 || boundaries.some((p) => ctx.refersTo(b, p) || namesPolicy(b, p))) return COMPLIANT;
    return violation(`the role carries permissions boundary ${b}, not the stack's boundary ${boundaries.map((p) => p.address).join(' or ')}`, {
      hint: `set permissions_boundary to \${${boundaries[0].address}.arn}, or exempt the role's scope with exemptFromPermissionBoundary(scope, reason) from @rampart/identity`,
    });
  },
};
