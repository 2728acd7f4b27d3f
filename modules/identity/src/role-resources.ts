import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { ValidationIssue, isUnresolved, PolicyDocument, PolicyStatement, policyDocument, renderPolicy } from '@rampart/core';
import { validateRoleName } from './iam-validators';
import { Persona, resolveSessionHours, validateSessionHours } from './session';

/** Props every Rampart role takes. */
export interface RoleCommonProps {
  /** Role name. Replacing it replaces the role. */
  readonly roleName: string;
  /** Description shown in IAM. @default - one naming the persona */
  readonly description?: string;
  /**
   * Longest STS session, in whole hours (`max_session_duration`). Validated to lie between 1 and
   * 12 and within the persona's maximum.
   * @default - the persona's preset (developer 8, CI 1, break-glass 1)
   */
  readonly sessionHours?: number;
  /** Managed policies to attach, by ARN. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** Inline policies by name (`aws_iam_role_policy`). @default {} */
  readonly inlinePolicies?: Readonly<Record<string, PolicyDocument>>;
  /**
   * Permission boundary ARN. Inside a Rampart stack leave it unset: the stack's
   * PermissionBoundaryAspect attaches the stack's boundary to every role that has none.
   * @default - none here; the aspect attaches one
   */
  readonly permissionsBoundaryArn?: string;
}

/** Issues of the common props, with paths under `props.`. */
export function commonRoleIssues(props: RoleCommonProps, persona: Persona): Array<ValidationIssue | undefined> {
  const issues: Array<ValidationIssue | undefined> = [
    validateRoleName('roleName', props.roleName),
    validateSessionHours('sessionHours', props.sessionHours ?? resolveSessionHours(persona, undefined), persona),
  ];
  for (const name of Object.keys(props.inlinePolicies ?? {})) {
    if (!isUnresolved(name) && !/^[\w+=,.@-]{1,128}$/.test(name)) {
      issues.push({ code: 'NAME_FORMAT', path: `inlinePolicies.${name}`, value: name, rule: 'inline policy names are 1-128 letters, digits and +=,.@_-' });
    }
  }
  return issues;
}

/** The resources of one role. */
export interface RoleResources {
  readonly role: IamRole;
  readonly trustPolicy: PolicyDocument;
  readonly sessionHours: number;
}

/** Creates the role, its inline policies and managed-policy attachments. Call after validation. */
export function createRoleResources(scope: Construct, props: RoleCommonProps, persona: Persona, trust: readonly PolicyStatement[], defaultDescription: string): RoleResources {
  const sessionHours = resolveSessionHours(persona, props.sessionHours);
  const trustPolicy = policyDocument(trust);
  const role = new IamRole(scope, 'role', {
    name: props.roleName,
    description: props.description ?? defaultDescription,
    assumeRolePolicy: renderPolicy(trustPolicy),
    maxSessionDuration: sessionHours * 3600,
    permissionsBoundary: props.permissionsBoundaryArn,
  });
  for (const [name, document] of Object.entries(props.inlinePolicies ?? {})) {
    new IamRolePolicy(scope, `policy-${name}`, { role: role.name, name, policy: renderPolicy(document) });
  }
  (props.managedPolicyArns ?? []).forEach((policyArn, i) => {
    new IamRolePolicyAttachment(scope, `managed-${i}`, { role: role.name, policyArn });
  });
  return { role, trustPolicy, sessionHours };
}
