import { Annotations, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { synthesizeResource } from '@rampart/core';

/** A known difference between the AWS emulator and AWS, and what the emulator target does about it. */
export interface EmulatorGap {
  /** Stable id, shown in the synth warning. */
  readonly id: string;
  /** Resource types it concerns. */
  readonly types: readonly string[];
  /** Whether a resource (its synthesised snake_case attributes) is concerned. */
  readonly applies: (attributes: Record<string, unknown>) => boolean;
  /** Attributes whose differences Terraform ignores on the emulator (`lifecycle.ignore_changes`). */
  readonly ignoreChanges: readonly string[];
  /** What the emulator gets wrong. */
  readonly reason: string;
}

/**
 * Gaps that would make the plan after apply show changes on the emulator although the resource
 * was created as configured. Each is worked around on the emulator target only, per resource,
 * with a warning naming the resource; the README lists them.
 */
export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    id: 'emulator.sg-rule-description',
    types: ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
    applies: (a) => (a.referenced_security_group_id !== undefined || a.prefix_list_id !== undefined) && a.description !== undefined,
    ignoreChanges: ['description'],
    reason: 'the emulator does not return the description of a rule that references another security group or a prefix list',
  },
  {
    id: 'emulator.ecs-service-settings',
    types: ['aws_ecs_service'],
    applies: () => true,
    ignoreChanges: ['enable_ecs_managed_tags', 'health_check_grace_period_seconds', 'availability_zone_rebalancing'],
    reason: 'the emulator does not store ECS managed tags, the health-check grace period or availability-zone rebalancing of a service, so it reads them back as unset',
  },
  {
    id: 'emulator.backup-tags',
    types: ['aws_backup_vault', 'aws_backup_plan'],
    applies: () => true,
    ignoreChanges: ['tags', 'tags_all'],
    reason: 'the emulator does not return the tags of backup vaults and plans (ListTags), so every plan would show the default tags being added again',
  },
  {
    id: 'emulator.rds-performance-insights',
    types: ['aws_db_instance'],
    applies: (a) => a.performance_insights_enabled === true,
    ignoreChanges: ['performance_insights_enabled', 'performance_insights_kms_key_id', 'performance_insights_retention_period'],
    reason: 'the emulator does not store Performance Insights settings of a database instance, so it reads them back as off',
  },
  {
    id: 'emulator.rds-parameter-group-parameters',
    types: ['aws_db_parameter_group'],
    applies: (a) => a.parameter !== undefined,
    ignoreChanges: ['parameter'],
    reason: 'the emulator does not return static parameters such as rds.force_ssl of a parameter group, so every plan would set them again',
  },
];

/**
 * Bound of the provider's own database waits on the emulator (the provider's default is 40 to
 * 80 minutes): a database that never becomes available fails the step instead of hanging.
 */
export const EMULATOR_DATABASE_TIMEOUTS = { create: '6m', update: '6m', delete: '6m' } as const;

/**
 * Applied to every stack of the `local` deployment: for each resource hit by a known emulator
 * gap, Terraform ignores the attributes the emulator cannot read back, and a warning says so.
 * The resource itself is still created with every attribute.
 */
export class EmulatorGapsAspect implements IAspect {
  constructor(private readonly gaps: readonly EmulatorGap[] = EMULATOR_GAPS) {}

  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    if (resource.terraformResourceType === 'aws_db_instance') resource.addOverride('timeouts', EMULATOR_DATABASE_TIMEOUTS);
    const gaps = this.gaps.filter((g) => g.types.includes(resource.terraformResourceType));
    if (gaps.length === 0) return;
    const attributes = synthesizeResource(resource).attributes;
    for (const gap of gaps.filter((g) => g.applies(attributes))) {
      const existing = resource.lifecycle?.ignoreChanges;
      if (existing === 'all') continue;
      resource.lifecycle = { ...resource.lifecycle, ignoreChanges: [...new Set([...(existing ?? []), ...gap.ignoreChanges])] };
      Annotations.of(resource).addWarning(`[${gap.id}] on the emulator target ${gap.ignoreChanges.join(', ')} changes are ignored: ${gap.reason}`);
    }
  }
}
