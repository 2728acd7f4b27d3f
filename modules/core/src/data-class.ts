/**
 * Data classification levels. The classes pii, financial, health and restricted are
 * sensitive: data of those classes must be encrypted with a customer-managed key of its own class.
 */
export type DataClass = 'public' | 'internal' | 'confidential' | 'pii' | 'financial' | 'health' | 'restricted';

/** Every data class, least to most sensitive. */
export const DATA_CLASSES: readonly DataClass[] = ['public', 'internal', 'confidential', 'pii', 'financial', 'health', 'restricted'];

/** The classes that always need a customer-managed key of their own. */
export const SENSITIVE_DATA_CLASSES: readonly DataClass[] = ['pii', 'financial', 'health', 'restricted'];

export function isDataClass(value: unknown): value is DataClass {
  return typeof value === 'string' && (DATA_CLASSES as readonly string[]).includes(value);
}

export function isSensitiveDataClass(value: DataClass): boolean {
  return SENSITIVE_DATA_CLASSES.includes(value);
}

/**
 * Metadata type of an explicit data-class label on a construct (`labelDataClass` in
 * @rampart/encryption). The nearest label above a resource is its class; the policy pack's
 * `encryption-data-class-binding` rule reads it.
 */
export const DATA_CLASS_LABEL = 'rampart:data-class';

/**
 * Metadata type recording the data class (purpose) of a KMS key that is not a resource of the
 * stack (`importKey` in @rampart/encryption): `{ refs, purpose }`, where `refs` are the strings
 * (ARN, key id) that resources use to name the key. The binding rule trusts it.
 */
export const KEY_CLASS_METADATA = 'rampart:key-class';

/** The data of a {@link KEY_CLASS_METADATA} entry. */
export interface KeyClassRecord {
  readonly refs: readonly string[];
  readonly purpose: string;
}
