import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { NameParts, resourceName } from '@rampart/core';
import { NoIamUsersAspect } from './no-iam-users-aspect';
import { PermissionBoundaryAspect, PermissionBoundaryMode } from './permission-boundary-aspect';
import { PermissionBoundaryPolicy } from './permission-boundary-policy';

/** Properties of {@link applyIdentityBaseline}. */
export interface IdentityBaselineProps {
  /** Name parts; the boundary is named `<prefix>-<environment>-permission-boundary`. */
  readonly names: NameParts;
  /** Regions the account may use. */
  readonly allowedRegions: readonly string[];
  /** @default 'attach' */
  readonly mode?: PermissionBoundaryMode;
  /**
   * Roles of the account that run without the boundary (deploy role, key-administrator role,
   * break-glass role pattern): capped roles may not change, delete, tag or pass them.
   * @default []
   */
  readonly unboundedRoleArns?: readonly string[];
  /** Service prefixes capped roles may use. @default DEFAULT_BOUNDARY_SERVICES */
  readonly allowedServices?: readonly string[];
}

/**
 * The identity baseline of one stack (one account): the permission boundary policy, the aspect
 * that puts it on every IAM role in the stack, and the aspect that forbids IAM users and keys.
 * Returns the boundary policy.
 */
export function applyIdentityBaseline(stack: Construct, props: IdentityBaselineProps): PermissionBoundaryPolicy {
  const boundary = new PermissionBoundaryPolicy(stack, 'permission-boundary', {
    policyName: resourceName(props.names, 'permission-boundary', 128),
    allowedRegions: props.allowedRegions,
    unboundedRoleArns: props.unboundedRoleArns,
    allowedServices: props.allowedServices,
  });
  Aspects.of(stack).add(new PermissionBoundaryAspect({ boundaryArn: boundary.policyArn, mode: props.mode, policy: boundary }));
  Aspects.of(stack).add(new NoIamUsersAspect());
  return boundary;
}
