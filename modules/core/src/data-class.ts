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
