import { IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IConstruct } from 'constructs';
import { DataClass } from './data-class';
import { failSynth } from './synth-errors';
import { synthesizeResource } from './synthesized';
import { TAGGABLE_TYPES } from './taggable-types';

/** The tag keys every taggable resource must carry. */
export const MANDATORY_TAG_KEYS = ['Environment', 'Owner', 'CostCenter', 'Compliance', 'DataClassification'] as const;
export type MandatoryTagKey = (typeof MANDATORY_TAG_KEYS)[number];

/** Values for the mandatory tags. */
export interface MandatoryTags {
  readonly environment: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly compliance: string;
  readonly dataClassification: DataClass;
}

/** Renders mandatory tags as Terraform tag keys, for the provider's `default_tags`. */
export function renderMandatoryTags(tags: MandatoryTags): Record<MandatoryTagKey, string> {
  return {
    Environment: tags.environment,
    Owner: tags.owner,
    CostCenter: tags.costCenter,
    Compliance: tags.compliance,
    DataClassification: tags.dataClassification,
  };
}

/** Tag key used to label a resource with the data class it holds. */
export const DATA_CLASS_TAG = 'DataClassification';

function isTaggable(resource: TerraformResource): boolean {
  return TAGGABLE_TYPES.has(resource.terraformResourceType);
}

function providerDefaultTags(provider: AwsProvider | undefined): Record<string, string> {
  const blocks = provider?.defaultTagsInput;
  if (!Array.isArray(blocks)) return {};
  return Object.assign({}, ...blocks.map((b) => b.tags ?? {}));
}

/**
 * Fails synth when a taggable AWS resource would be created without every mandatory tag,
 * counting both the resource's own tags and its provider's `default_tags`.
 *
 * Add it to a stack: `Aspects.of(stack).add(new MandatoryTagsAspect())`.
 */
export class MandatoryTagsAspect implements IAspect {
  constructor(private readonly keys: readonly string[] = MANDATORY_TAG_KEYS) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    if (!resource.terraformResourceType.startsWith('aws_') || !isTaggable(resource)) return;
    const provider = (resource.provider ?? defaultAwsProvider(TerraformStack.of(resource))) as AwsProvider | undefined;
    const own = (synthesizeResource(resource).attributes.tags ?? {}) as Record<string, unknown>;
    const effective = { ...providerDefaultTags(provider), ...own };
    const missing = this.keys.filter((k) => typeof effective[k] !== 'string' || (effective[k] as string).length === 0);
    if (missing.length > 0) {
      failSynth(
        resource,
        `[MISSING_TAG] ${resource.terraformResourceType} ${resource.friendlyUniqueId} lacks mandatory tag(s) ${missing.join(', ')}: set them in the provider's default_tags or on the resource`,
      );
    }
  }
}

function defaultAwsProvider(stack: TerraformStack): AwsProvider | undefined {
  return stack.node
    .findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
}
