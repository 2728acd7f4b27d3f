import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { IRoleGrantee, ValidationIssue, assertAllValid, validateRoleArn, PolicyConditions, PolicyDocument, PolicyStatement } from '@rampart/core';
import { validateExternalId } from './iam-validators';
import { RoleCommonProps, commonRoleIssues, createRoleResources } from './role-resources';
import { SsoPermissionSet, ssoIssues, ssoTrustStatements } from './sso';

/** Properties of {@link CrossAccountDeployRole}. */
export interface CrossAccountDeployRoleProps extends RoleCommonProps {
  /**
   * CI roles (for example a GithubOidcDeployRole in the tooling account) that may assume this role.
   * Each is trusted by its exact ARN; wildcards are refused.
   * @default []
   */
  readonly ciRoles?: readonly IRoleGrantee[];
  /**
   * IAM Identity Center permission sets whose users may assume this role.
   * @default []
   */
  readonly ssoPermissionSets?: readonly SsoPermissionSet[];
  /**
   * Require this `sts:ExternalId` on every AssumeRole call.
   * @default - no external id
   */
  readonly externalId?: string;
  /**
   * Require the caller to set a source identity (`sts:SetSourceIdentity`), which then follows
   * the session through every role it chains into and appears in CloudTrail.
   * @default false
   */
  readonly requireSourceIdentity?: boolean;
}

/**
 * A deploy role in a workload account that only the CI role or SSO users can assume, with
 * optional external-id and source-identity requirements. Sessions follow the CI preset
 * (1 h by default, 2 h at most).
 */
export class CrossAccountDeployRole extends Construct implements IRoleGrantee {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly role: IamRole;
  public readonly trustPolicy: PolicyDocument;
  public readonly sessionHours: number;

  constructor(scope: Construct, id: string, props: CrossAccountDeployRoleProps) {
    super(scope, id);
    const ciRoles = props.ciRoles ?? [];
    const sets = props.ssoPermissionSets ?? [];
    const requireSourceIdentity = props.requireSourceIdentity ?? false;
    const issues: Array<ValidationIssue | undefined> = [
      ...commonRoleIssues(props, 'ci'),
      ...ssoIssues('ssoPermissionSets', sets),
      ...ciRoles.map((r, i) => validateRoleArn(`ciRoles[${i}].roleArn`, r.roleArn)),
    ];
    if (ciRoles.length === 0 && sets.length === 0) {
      issues.push({ code: 'REQUIRED', path: 'ciRoles', value: props.ciRoles, rule: 'name the CI role(s) or SSO permission set(s) that may assume the role' });
    }
    if (props.externalId !== undefined) issues.push(validateExternalId('externalId', props.externalId));
    assertAllValid(issues, `Invalid CrossAccountDeployRole ${this.node.path}`);

    const conditions: PolicyConditions = {};
    const actions = ['sts:AssumeRole'];
    if (props.externalId !== undefined) conditions.StringEquals = { 'sts:ExternalId': props.externalId };
    if (requireSourceIdentity) {
      actions.push('sts:SetSourceIdentity');
      conditions.Null = { 'sts:SourceIdentity': 'false' };
    }
    const trust: PolicyStatement[] = [];
    if (ciRoles.length > 0) {
      trust.push({
        Sid: 'TrustCiRoles',
        Effect: 'Allow',
        Principal: { AWS: ciRoles.map((r) => r.roleArn) },
        Action: actions,
        ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
      });
    }
    trust.push(...ssoTrustStatements(sets, actions, conditions as Record<string, Record<string, string | string[]>>));

    const made = createRoleResources(this, props, 'ci', trust, 'Cross-account deploy role assumable by the CI role or SSO users only');
    this.role = made.role;
    this.trustPolicy = made.trustPolicy;
    this.sessionHours = made.sessionHours;
    this.roleName = made.role.name;
    this.roleArn = made.role.arn;
  }
}
