import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { failSynth } from '@rampart/core';

/** Resource types that give a human or system long-lived IAM user credentials. */
export const FORBIDDEN_IAM_USER_RESOURCES: readonly string[] = ['aws_iam_user', 'aws_iam_access_key', 'aws_iam_user_login_profile'];

/**
 * Fails synth on any IAM user, access key or login profile below the scope it is added to.
 * People sign in through IAM Identity Center, pipelines through OIDC federation, workloads
 * through instance, task and execution roles. There is no opt-out.
 */
export class NoIamUsersAspect implements IAspect {
  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    if (!FORBIDDEN_IAM_USER_RESOURCES.includes(resource.terraformResourceType)) return;
    failSynth(
      resource,
      `[IAM_USER] ${resource.terraformResourceType} ${resource.friendlyUniqueId} (${resource.node.path}) is forbidden: use roles (IAM Identity Center, OIDC federation, instance or task roles) instead of IAM users with long-lived credentials`,
    );
  }
}
