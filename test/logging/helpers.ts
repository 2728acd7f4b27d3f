import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct, IConstruct } from 'constructs';
import { IKmsKey, kmsKeyReference, KeyPurpose } from '@rampart/core';

/** A KMS key in the test stack, wrapped as the contract the modules take. */
export function testKey(scope: Construct, purpose: KeyPurpose = 'logs', id = 'logs-key'): IKmsKey {
  const key = new KmsKey(scope, id, { enableKeyRotation: true });
  return kmsKeyReference({ keyArn: key.arn, keyId: key.keyId, purpose });
}

/** Warning messages recorded below a scope. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** The one resource of a type in a stack's JSON (fails when there is not exactly one). */
export function only(resources: Record<string, Record<string, any>>): Record<string, any> {
  const values = Object.values(resources);
  if (values.length !== 1) throw new Error(`expected exactly one resource, found ${values.length}`);
  return values[0];
}

/** Catches the error a function throws. */
export function errorOf(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
