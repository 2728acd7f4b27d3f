import { Construct } from 'constructs';
import { assertAllValid } from '@rampart/core';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** CloudTrail actions the policy denies. */
export const CLOUDTRAIL_PROTECTED_ACTIONS: readonly string[] = ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'];

/** Properties of {@link ProtectCloudTrailScp}. */
export type ProtectCloudTrailScpProps = ScpProps;

/**
 * Denies stopping, deleting or updating CloudTrail trails and their event selectors.
 * Every statement exempts the break-glass role pattern.
 */
export class ProtectCloudTrailScp extends ServiceControlPolicy {
  constructor(scope: Construct, id: string, props: ProtectCloudTrailScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid ProtectCloudTrailScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-protect-cloudtrail',
      description: 'Denies stopping, deleting or updating CloudTrail trails and their event selectors.',
      statements: [{ Sid: 'DenyCloudTrailChanges', Effect: 'Deny', Action: [...CLOUDTRAIL_PROTECTED_ACTIONS], Resource: '*' }],
    });
  }
}
