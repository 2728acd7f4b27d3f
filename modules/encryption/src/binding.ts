import { DATA_CLASS_LABEL, DataClass, assertValid, DATA_CLASSES, validateOneOf } from '@rampart/core';
import { IConstruct } from 'constructs';

export { DATA_CLASS_LABEL } from '@rampart/core';

/**
 * Labels a construct, and every resource below it, with the class of data it holds. The policy
 * pack's `encryption-data-class-binding` rule reads the nearest label; without one it reads the
 * resource's own `DataClassification` tag (the provider's default_tags do not count: they are a
 * default, not a statement about the data). A resource labelled pii, financial, health or
 * restricted must be encrypted with that class's key, or synth fails.
 */
export function labelDataClass(scope: IConstruct, dataClass: DataClass): void {
  assertValid(validateOneOf('dataClass', dataClass, DATA_CLASSES));
  scope.node.addMetadata(DATA_CLASS_LABEL, dataClass);
}
