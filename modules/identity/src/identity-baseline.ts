import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { NameParts, resourceName } from '@rampart/core';
import { PermissionBoundaryAspect } from './permission-boundary-aspect';
import { PermissionBoundaryPolicy } from './permission-boundary-policy';

/** Properties of {@link applyIdentityBaseline}. */
export interface IdentityBaselineProps {
  /** Name parts; the boundary is named `<prefix>-<environment>-permission-boundary`. */
  readonly names: NameParts;
  /** Regions the account may use. */
  readonly allowedRegions: readonly string[];
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
 * The identity baseline of one stack (one account): the permission boundary policy and the aspect
 * that puts it on every IAM role in the stack. Returns the boundary policy.
 *
 * It applies; it does not judge. The policy pack (`RampartPolicy.apply`, run by every
 * `RampartStack`) judges: `iam-role-permissions-boundary` (every role carries this boundary),
 * `iam-no-users` and `iam-no-access-keys`.
 */
export function applyIdentityBaseline(stack: Construct, props: IdentityBaselineProps): PermissionBoundaryPolicy {
  const boundary = new PermissionBoundaryPolicy(stack, 'permission-boundary', {
    policyName: resourceName(props.names, 'permission-boundary', 128),
    allowedRegions: props.allowedRegions,
    unboundedRoleArns: props.unboundedRoleArns,
    allowedServices: props.allowedServices,
  });
  Aspects.of(stack).add(new PermissionBoundaryAspect({ boundaryArn: boundary.policyArn, policy: boundary }));
  return boundary;
}
