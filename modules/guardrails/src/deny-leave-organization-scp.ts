import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link DenyLeaveOrganizationScp}. */
export type DenyLeaveOrganizationScpProps = ScpProps;

/**
 * Denies member accounts leaving the organisation (and with it every SCP).
 * Every statement exempts the break-glass role pattern.
 */
export class DenyLeaveOrganizationScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [{ Sid: 'DenyLeavingOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }];
  }

  constructor(scope: Construct, id: string, props: DenyLeaveOrganizationScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid DenyLeaveOrganizationScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-deny-leave-organization',
      description: 'Denies member accounts leaving the organisation (and with it every SCP).',
      statements: DenyLeaveOrganizationScp.statements(),
    });
  }
}
