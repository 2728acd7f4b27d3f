import { DataClass, IKmsKey, KeyPurpose, RampartValidationError } from '@rampart/core';

/**
 * Throws a KEY_PURPOSE error unless the key protects one of the expected purposes. Guards
 * against wiring, say, the `internal` key to a database that holds `pii` data.
 */
export function assertKeyPurpose(path: string, key: IKmsKey, expected: readonly KeyPurpose[]): void {
  if (!expected.includes(key.purpose)) {
    throw new RampartValidationError({
      code: 'KEY_PURPOSE',
      path,
      value: key.purpose,
      rule: `must be a key whose purpose is ${expected.map((e) => JSON.stringify(e)).join(' or ')}`,
    });
  }
}

/** Log groups are encrypted with the `logs` key or with the key of the data class they hold. */
export function assertLogsKey(path: string, key: IKmsKey, dataClass: DataClass): void {
  assertKeyPurpose(path, key, ['logs', dataClass]);
}
