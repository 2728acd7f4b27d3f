import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { IRoleGrantee, ValidationIssue, assertAllValid, validateRoleArn, PolicyDocument, PolicyStatement } from '@rampart/core';
import { validateReason } from './iam-validators';
import { exemptFromPermissionBoundary } from './permission-boundary-aspect';
import { RoleCommonProps, commonRoleIssues, createRoleResources } from './role-resources';
import { SsoPermissionSet, ssoIssues, ssoTrustStatements } from './sso';

/** AWS's managed administrator policy. */
export const ADMINISTRATOR_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Properties of {@link BreakGlassRole}. */
export interface BreakGlassRoleProps extends RoleCommonProps {
  /**
   * IAM Identity Center permission sets whose users may assume the role. Identity Center enforces
   * MFA at sign-in, which IAM cannot see, so no MFA condition is added for them.
   * @default []
   */
  readonly ssoPermissionSets?: readonly SsoPermissionSet[];
  /**
   * IAM roles that may assume the role, each only with an MFA-authenticated session
   * (`aws:MultiFactorAuthPresent` = true).
   * @default []
   */
  readonly trustedRoleArns?: readonly string[];
  /**
   * Managed policies. Break-glass is an administrator persona.
   * @default [ADMINISTRATOR_ACCESS_POLICY_ARN]
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Why the role runs without the stack's permission boundary. Break-glass exists to do what the
   * boundary and the SCPs forbid (their break-glass pattern exempts it), so the role is exempted
   * with `exemptFromPermissionBoundary`: a warning and a policy-report entry every synth. Setting
   * `permissionsBoundaryArn` instead keeps a boundary on the role and skips the exemption.
   * @default BREAK_GLASS_BOUNDARY_EXEMPTION_REASON
   */
  readonly boundaryExemptionReason?: string;
}

/** The recorded reason a break-glass role runs without the permission boundary. */
export const BREAK_GLASS_BOUNDARY_EXEMPTION_REASON =
  'break-glass administrator: must be able to repair CloudTrail, GuardDuty, Config and KMS when the boundary blocks every other role; one-hour MFA or SSO sessions, reviewed after use';

/**
 * The break-glass administrator persona: just-in-time access for one hour (the longest session
 * allowed), assumable only from named SSO permission sets or MFA-authenticated role sessions.
 * Name it to match the organisation's break-glass role pattern so that the SCPs exempt it.
 *
 * The role runs without the permission boundary (a reported exemption, see
 * `boundaryExemptionReason`); the stack's boundary in turn forbids every capped role to change,
 * delete, tag or pass it.
 */
export class BreakGlassRole extends Construct implements IRoleGrantee {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly role: IamRole;
  public readonly trustPolicy: PolicyDocument;
  public readonly sessionHours: number;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    const sets = props.ssoPermissionSets ?? [];
    const roles = props.trustedRoleArns ?? [];
    const issues: Array<ValidationIssue | undefined> = [
      ...commonRoleIssues(props, 'breakGlass'),
      ...ssoIssues('ssoPermissionSets', sets),
      ...roles.map((arn, i) => validateRoleArn(`trustedRoleArns[${i}]`, arn)),
      props.boundaryExemptionReason === undefined ? undefined : validateReason('boundaryExemptionReason', props.boundaryExemptionReason),
    ];
    if (sets.length === 0 && roles.length === 0) {
      issues.push({ code: 'REQUIRED', path: 'ssoPermissionSets', value: props.ssoPermissionSets, rule: 'name at least one SSO permission set or trusted role' });
    }
    assertAllValid(issues, `Invalid BreakGlassRole ${this.node.path}`);
    if (props.permissionsBoundaryArn === undefined) exemptFromPermissionBoundary(this, props.boundaryExemptionReason ?? BREAK_GLASS_BOUNDARY_EXEMPTION_REASON);

    const trust: PolicyStatement[] = [...ssoTrustStatements(sets, ['sts:AssumeRole', 'sts:SetSourceIdentity'])];
    if (roles.length > 0) {
      trust.push({
        Sid: 'TrustMfaRoleSessions',
        Effect: 'Allow',
        Principal: { AWS: [...roles] },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      });
    }
    const made = createRoleResources(
      this,
      { ...props, managedPolicyArns: props.managedPolicyArns ?? [ADMINISTRATOR_ACCESS_POLICY_ARN] },
      'breakGlass',
      trust,
      'Break-glass administrator role: one-hour just-in-time access, reviewed after use',
    );
    this.role = made.role;
    this.trustPolicy = made.trustPolicy;
    this.sessionHours = made.sessionHours;
    this.roleName = made.role.name;
    this.roleArn = made.role.arn;
  }
}
