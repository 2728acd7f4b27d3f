import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { CLOUDTRAIL_DISABLING_ACTIONS } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** CloudTrail actions the policy denies. */
export const CLOUDTRAIL_PROTECTED_ACTIONS: readonly string[] = CLOUDTRAIL_DISABLING_ACTIONS;

/** Properties of {@link ProtectCloudTrailScp}. */
export type ProtectCloudTrailScpProps = ScpProps;

/**
 * Denies stopping, deleting or updating CloudTrail trails and their event and Insights selectors.
 * Every statement exempts the break-glass role pattern.
 */
export class ProtectCloudTrailScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [{ Sid: 'DenyCloudTrailChanges', Effect: 'Deny', Action: [...CLOUDTRAIL_PROTECTED_ACTIONS], Resource: '*' }];
  }

  constructor(scope: Construct, id: string, props: ProtectCloudTrailScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid ProtectCloudTrailScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-protect-cloudtrail',
      description: 'Denies stopping, deleting or updating CloudTrail trails and their event and Insights selectors.',
      statements: ProtectCloudTrailScp.statements(),
    });
  }
}
