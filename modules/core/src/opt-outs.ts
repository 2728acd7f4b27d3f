import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/** Metadata type under which opt-outs are recorded on the construct tree. */
export const OPT_OUT_METADATA = 'rampart:opt-out';

/** A secure default that a caller turned off on purpose. */
export interface OptOut {
  /** Stable id, e.g. `network.public-http-redirect`. */
  readonly id: string;
  /** What was turned off and why it matters. */
  readonly message: string;
  /** The caller's reason, when one is required. */
  readonly reason?: string;
}

/**
 * Records an opt-out: a warning with a stable id at synth, and metadata that the policy
 * report lists. Every named opt-out prop in the catalogue goes through here.
 */
export function reportOptOut(scope: IConstruct, optOut: OptOut): void {
  scope.node.addMetadata(OPT_OUT_METADATA, optOut);
  Annotations.of(scope).addWarning(`[${optOut.id}] ${optOut.message}${optOut.reason ? ` (reason: ${optOut.reason})` : ''}`);
}

/** Every opt-out recorded below a scope, with the construct path it was recorded on. */
export function collectOptOuts(scope: IConstruct): Array<OptOut & { path: string }> {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === OPT_OUT_METADATA).map((m) => ({ ...(m.data as OptOut), path: c.node.path })));
}

/**
 * Id of the opt-out that lets IAM roles under a construct go without the permission boundary
 * (`exemptFromPermissionBoundary` in @rampart/identity). The policy rule
 * `iam-role-permissions-boundary` is waived for the roles it covers, and lists them as waived.
 */
export const PERMISSION_BOUNDARY_OPT_OUT = 'identity.permission-boundary';

/**
 * Key under a resource's `//` comment in the synthesised JSON that marks the `aws_iam_policy` of
 * the stack's permission boundary (`PermissionBoundaryPolicy` in @rampart/identity). The rule
 * `iam-role-permissions-boundary` requires a role's boundary to be that policy when the stack has one.
 */
export const PERMISSION_BOUNDARY_MARKER = 'rampart_permission_boundary';
