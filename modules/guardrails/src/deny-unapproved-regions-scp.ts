import { Construct } from 'constructs';
import { ValidationIssue, assertAllValid, validateRegion, PolicyStatement } from '@rampart/core';
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

/** The rule-specific input of the region deny (what its statements are built from). */
export type UnapprovedRegionsRule = Pick<DenyUnapprovedRegionsScpProps, 'allowedRegions' | 'regionAgnosticActions'>;

/**
 * Denies every request to a region outside `allowedRegions` (`aws:RequestedRegion`), except the
 * actions of global services. Every statement exempts the break-glass role pattern.
 */
export class DenyUnapprovedRegionsScp extends ServiceControlPolicy {
  /** Issues of the rule-specific props. */
  public static ruleIssues(rule: UnapprovedRegionsRule): Array<ValidationIssue | undefined> {
    const regions = rule.allowedRegions ?? [];
    return [
      regions.length === 0 ? { code: 'REQUIRED', path: 'allowedRegions', value: rule.allowedRegions, rule: 'must list at least one region' } : undefined,
      ...regions.map((r, i) => validateRegion(`allowedRegions[${i}]`, r)),
      ...(rule.regionAgnosticActions ?? REGION_AGNOSTIC_ACTIONS).map((a, i) => validateIamAction(`regionAgnosticActions[${i}]`, a)),
    ];
  }

  /** The policy's statements, before the break-glass exemption is added (also used by ScpCatalogue's bundles). Validate first. */
  public static statements(rule: UnapprovedRegionsRule): PolicyStatement[] {
    return [
      {
        Sid: 'DenyOutsideAllowedRegions',
        Effect: 'Deny',
        NotAction: [...(rule.regionAgnosticActions ?? REGION_AGNOSTIC_ACTIONS)],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...rule.allowedRegions] } },
      },
    ];
  }

  public readonly allowedRegions: readonly string[];

  constructor(scope: Construct, id: string, props: DenyUnapprovedRegionsScpProps) {
    assertAllValid([...scpPropsIssues(props), ...DenyUnapprovedRegionsScp.ruleIssues(props)], 'Invalid DenyUnapprovedRegionsScp');
    super(scope, id, {
      ...props,
      policyName: props.policyName ?? 'rampart-deny-unapproved-regions',
      description: `Denies requests outside ${props.allowedRegions.join(', ')}, except global services.`,
      statements: DenyUnapprovedRegionsScp.statements(props),
    });
    this.allowedRegions = props.allowedRegions;
  }
}
