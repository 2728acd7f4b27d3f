import { IAspect, TerraformResource, Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IConstruct } from 'constructs';
import { OPT_OUT_METADATA, OptOut, PERMISSION_BOUNDARY_OPT_OUT, assertValid, reportOptOut, synthesizeResource } from '@rampart/core';
import { validateReason } from './iam-validators';
import { PermissionBoundaryPolicy } from './permission-boundary-policy';

export { PERMISSION_BOUNDARY_OPT_OUT } from '@rampart/core';

/** Properties of {@link PermissionBoundaryAspect}. */
export interface PermissionBoundaryAspectProps {
  /** ARN of the boundary policy to put on every role (usually `PermissionBoundaryPolicy.policyArn`). */
  readonly boundaryArn: string;
  /**
   * The boundary policy itself. When given, every exempted role the aspect meets is added to the
   * roles the policy forbids capped roles to change, delete, tag or pass
   * ({@link PermissionBoundaryPolicy.protectUnboundedRoles}), so an exemption cannot become an
   * escape route for capped roles.
   * @default - exempted roles are left out of the policy
   */
  readonly policy?: PermissionBoundaryPolicy;
}

/**
 * Puts the boundary on every `aws_iam_role` below the scope it is added to that has none, whoever
 * created the role (this module, another module, or plain provider code). It only applies: the
 * policy pack's rule `iam-role-permissions-boundary` judges that every role carries the stack's
 * boundary (a role with another boundary fails there). Roles under
 * {@link exemptFromPermissionBoundary} are left alone, and joined to the boundary's protected roles
 * when `policy` is given.
 */
export class PermissionBoundaryAspect implements IAspect {
  private readonly boundaryArn: string;
  private readonly policy?: PermissionBoundaryPolicy;

  constructor(props: PermissionBoundaryAspectProps) {
    this.boundaryArn = props.boundaryArn;
    this.policy = props.policy;
  }

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    if (resource.terraformResourceType !== 'aws_iam_role') return;
    if (isExempt(resource)) {
      const arn = resource instanceof IamRole ? resource.arn : Token.asString(resource.interpolationForAttribute('arn'));
      this.policy?.protectUnboundedRoles([arn]);
      return;
    }
    const current = synthesizeResource(resource).attributes.permissions_boundary;
    if (current !== undefined && current !== null && current !== '') return;
    if (resource instanceof IamRole) resource.permissionsBoundary = this.boundaryArn;
    else resource.addOverride('permissions_boundary', this.boundaryArn);
  }
}

/**
 * Lets the roles at or below `scope` go without the permission boundary. The reason (at least 10
 * characters) is recorded as the opt-out `identity.permission-boundary`: a synth warning, an entry
 * in the policy report's opt-outs, and a waiver of the rule `iam-role-permissions-boundary` for
 * those roles (listed in the report under `waived`).
 */
export function exemptFromPermissionBoundary(scope: IConstruct, reason: string): void {
  assertValid(validateReason('reason', reason));
  reportOptOut(scope, {
    id: PERMISSION_BOUNDARY_OPT_OUT,
    message: `IAM roles under ${scope.node.path} are created without the account's permission boundary`,
    reason,
  });
}

function isExempt(resource: IConstruct): boolean {
  return resource.node.scopes.some((c) => c.node.metadata.some((m) => m.type === OPT_OUT_METADATA && (m.data as OptOut).id === PERMISSION_BOUNDARY_OPT_OUT));
}
