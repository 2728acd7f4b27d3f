import { MANDATORY_TAG_KEYS } from '@rampart/core';
import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { TAGGABLE_TYPES } from './taggable-types';

/** Every taggable resource carries the five mandatory tags (its own or the provider's default_tags). */
export const tagsMandatory: PolicyRule = {
  id: 'tags-mandatory',
  title: 'Taggable resources carry Environment, Owner, CostCenter, Compliance and DataClassification',
  area: 'tags',
  severity: 'low',
  suppressible: true,
  mappings: {},
  hint: "set the tags in the provider's default_tags (RampartStack does) or on the resource",
  resourceTypes: ['*'],
  check(r: PolicyResource, ctx: StackContext) {
    if (!TAGGABLE_TYPES.has(r.type)) return NOT_APPLICABLE;
    const tags = ctx.effectiveTags(r);
    const missing = MANDATORY_TAG_KEYS.filter((k) => typeof tags[k] !== 'string' || (tags[k] as string).trim().length === 0);
    return missing.length === 0 ? COMPLIANT : violation(`missing, empty or blank mandatory tag(s) ${missing.join(', ')}`);
  },
};
