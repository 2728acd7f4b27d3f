import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { IRoleGrantee, ValidationIssue, assertAllValid, PolicyDocument } from '@rampart/core';
import { RoleCommonProps, commonRoleIssues, createRoleResources } from './role-resources';
import { SsoPermissionSet, ssoIssues, ssoTrustStatements } from './sso';

/** Properties of {@link DeveloperRole}. */
export interface DeveloperRoleProps extends RoleCommonProps {
  /** The IAM Identity Center permission sets whose users may assume the role. At least one. */
  readonly ssoPermissionSets: readonly SsoPermissionSet[];
}

/**
 * The developer persona: a role assumed from IAM Identity Center (SSO) sessions only, with
 * temporary credentials for a working day (8 h by default, 12 h at most).
 */
export class DeveloperRole extends Construct implements IRoleGrantee {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly role: IamRole;
  public readonly trustPolicy: PolicyDocument;
  public readonly sessionHours: number;

  constructor(scope: Construct, id: string, props: DeveloperRoleProps) {
    super(scope, id);
    const sets = props.ssoPermissionSets ?? [];
    const issues: Array<ValidationIssue | undefined> = [...commonRoleIssues(props, 'developer'), ...ssoIssues('ssoPermissionSets', sets)];
    if (sets.length === 0) issues.push({ code: 'REQUIRED', path: 'ssoPermissionSets', value: props.ssoPermissionSets, rule: 'must name at least one IAM Identity Center permission set' });
    assertAllValid(issues, `Invalid DeveloperRole ${this.node.path}`);

    const made = createRoleResources(this, props, 'developer', ssoTrustStatements(sets, ['sts:AssumeRole', 'sts:SetSourceIdentity']), 'Developer role assumed from IAM Identity Center sessions');
    this.role = made.role;
    this.trustPolicy = made.trustPolicy;
    this.sessionHours = made.sessionHours;
    this.roleName = made.role.name;
    this.roleArn = made.role.arn;
  }
}
