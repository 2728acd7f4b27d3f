import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { IAM_USER_CREATION_ACTIONS } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link DenyIamUsersScp}. */
export type DenyIamUsersScpProps = ScpProps;

/**
 * Denies creating IAM users, access keys and console passwords: people and pipelines use roles.
 * Every statement exempts the break-glass role pattern.
 */
export class DenyIamUsersScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [{ Sid: 'DenyIamUsersAndAccessKeys', Effect: 'Deny', Action: [...IAM_USER_CREATION_ACTIONS], Resource: '*' }];
  }

  constructor(scope: Construct, id: string, props: DenyIamUsersScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid DenyIamUsersScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-deny-iam-users',
      description: 'Denies creating IAM users, access keys and console passwords: people and pipelines use roles.',
      statements: DenyIamUsersScp.statements(),
    });
  }
}
