import { Construct } from 'constructs';
import { assertAllValid, PolicyStatement } from '@rampart/core';
import { GUARDDUTY_DISABLING_ACTIONS } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** GuardDuty actions the policy denies. */
export const GUARDDUTY_PROTECTED_ACTIONS: readonly string[] = GUARDDUTY_DISABLING_ACTIONS;

/** Properties of {@link ProtectGuardDutyScp}. */
export type ProtectGuardDutyScpProps = ScpProps;

/**
 * Denies disabling or deleting GuardDuty detectors, leaving the GuardDuty administrator, and removing members or findings exports.
 * Every statement exempts the break-glass role pattern.
 */
export class ProtectGuardDutyScp extends ServiceControlPolicy {
  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). */
  public static statements(): PolicyStatement[] {
    return [{ Sid: 'DenyGuardDutyDisabling', Effect: 'Deny', Action: [...GUARDDUTY_PROTECTED_ACTIONS], Resource: '*' }];
  }

  constructor(scope: Construct, id: string, props: ProtectGuardDutyScpProps) {
    assertAllValid(scpPropsIssues(props), 'Invalid ProtectGuardDutyScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-protect-guardduty',
      description: 'Denies disabling or deleting GuardDuty detectors, leaving the GuardDuty administrator, and removing members or findings exports.',
      statements: ProtectGuardDutyScp.statements(),
    });
  }
}
