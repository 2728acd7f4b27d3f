/**
 * The subnet planner lives in @rampart/core (rules/subnet-plan), where the config validation reads
 * it too; @rampart/network keeps exporting it.
 */
export { SUBNET_TIERS, MIN_MASK, MAX_MASK, MIN_AZ_COUNT, MAX_AZ_COUNT, DEFAULT_TIER_OFFSETS, planSubnets, summarizeCidrs } from '@rampart/core';
export type { TierLayout, SubnetPlanInput, PlannedSubnet, SubnetPlan } from '@rampart/core';
