import { DataClass } from './data-class';

/**
 * The tag keys every taggable resource must carry. The `tags-mandatory` policy rule judges them
 * (resource tags and the provider's `default_tags` both count).
 */
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
