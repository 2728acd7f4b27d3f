import { Construct } from 'constructs';
import { assertAllValid, validateRegion } from '@rampart/core';
import { REGION_AGNOSTIC_ACTIONS, validateIamAction } from '@rampart/identity';
import { ScpProps, ServiceControlPolicy, scpPropsIssues } from './service-control-policy';

/** Properties of {@link DenyUnapprovedRegionsScp}. */
export interface DenyUnapprovedRegionsScpProps extends ScpProps {
  /** Regions the organisation may use. At least one. */
  readonly allowedRegions: readonly string[];
  /**
   * Actions of global services left alone by the deny (their endpoints live in one region).
   * @default REGION_AGNOSTIC_ACTIONS (AWS's documented example list)
   */
  readonly regionAgnosticActions?: readonly string[];
}

/**
 * Denies every request to a region outside `allowedRegions` (`aws:RequestedRegion`), except the
 * actions of global services. Every statement exempts the break-glass role pattern.
 */
export class DenyUnapprovedRegionsScp extends ServiceControlPolicy {
  public readonly allowedRegions: readonly string[];

  constructor(scope: Construct, id: string, props: DenyUnapprovedRegionsScpProps) {
    const regions = props.allowedRegions ?? [];
    const agnostic = props.regionAgnosticActions ?? REGION_AGNOSTIC_ACTIONS;
    assertAllValid(
      [
        ...scpPropsIssues(props),
        regions.length === 0 ? { code: 'REQUIRED', path: 'allowedRegions', value: props.allowedRegions, rule: 'must list at least one region' } : undefined,
        ...regions.map((r, i) => validateRegion(`allowedRegions[${i}]`, r)),
        ...agnostic.map((a, i) => validateIamAction(`regionAgnosticActions[${i}]`, a)),
      ],
      'Invalid DenyUnapprovedRegionsScp',
    );
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-deny-unapproved-regions',
      description: `Denies requests outside ${regions.join(', ')}, except global services.`,
      statements: [
        {
          Sid: 'DenyOutsideAllowedRegions',
          Effect: 'Deny',
          NotAction: [...agnostic],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
        },
      ],
    });
    this.allowedRegions = regions;
  }
}
