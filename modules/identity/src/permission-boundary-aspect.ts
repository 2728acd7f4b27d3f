import { DefaultTokenResolver, IAspect, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IConstruct } from 'constructs';
import { OPT_OUT_METADATA, OptOut, assertValid, failSynth, reportOptOut, synthesizeResource } from '@rampart/core';
import { validateReason } from './iam-validators';
import { PermissionBoundaryPolicy } from './permission-boundary-policy';

/** Id of the opt-out that lets roles under a construct go without the permission boundary. */
export const PERMISSION_BOUNDARY_OPT_OUT = 'identity.permission-boundary';

/** What the aspect does with a role that has no boundary. */
export type PermissionBoundaryMode = 'attach' | 'require';

/** Properties of {@link PermissionBoundaryAspect}. */
export interface PermissionBoundaryAspectProps {
  /** ARN of the boundary policy every role must carry (usually `PermissionBoundaryPolicy.policyArn`). */
  readonly boundaryArn: string;
  /**
   * `attach`: set the boundary on every role that has none. `require`: fail synth instead.
   * @default 'attach'
   */
  readonly mode?: PermissionBoundaryMode;
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
 * Makes every `aws_iam_role` below the scope it is added to carry the boundary, whoever created
 * the role (this module, another module, or plain provider code). A role without a boundary gets
 * it (`attach`) or fails synth (`require`); a role with a different boundary fails synth. The
 * only way out is {@link exemptFromPermissionBoundary}, which needs a reason and is reported;
 * exempted roles are added to the boundary's protected roles when `policy` is given.
 */
export class PermissionBoundaryAspect implements IAspect {
  private readonly boundaryArn: string;
  private readonly mode: PermissionBoundaryMode;
  private readonly policy?: PermissionBoundaryPolicy;

  constructor(props: PermissionBoundaryAspectProps) {
    this.boundaryArn = props.boundaryArn;
    this.mode = props.mode ?? 'attach';
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
    const stack = TerraformStack.of(resource);
    const expected = resolveString(stack, this.boundaryArn);
    const current = synthesizeResource(resource).attributes.permissions_boundary;
    const label = `aws_iam_role ${resource.friendlyUniqueId} (${resource.node.path})`;
    if (current === undefined || current === null || current === '') {
      if (this.mode === 'require') {
        failSynth(resource, `[PERMISSION_BOUNDARY] ${label} has no permissions boundary; set ${expected} or exempt it with exemptFromPermissionBoundary(scope, reason)`);
        return;
      }
      if (resource instanceof IamRole) resource.permissionsBoundary = this.boundaryArn;
      else resource.addOverride('permissions_boundary', this.boundaryArn);
      return;
    }
    if (current !== expected) {
      failSynth(resource, `[PERMISSION_BOUNDARY] ${label} carries permissions boundary ${String(current)}, not the stack's boundary ${expected}`);
    }
  }
}

/**
 * Lets the roles at or below `scope` go without the permission boundary. The reason (at least 10
 * characters) is recorded as the opt-out `identity.permission-boundary`: a synth warning and an
 * entry in the policy report.
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

const RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolveString(stack: TerraformStack, value: string): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}
