import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { IKmsKey, kmsKeyReference, KeyPurpose } from '@rampart/core';

/** A KMS key in the test stack, wrapped as the contract the modules take. */
export function testKey(scope: Construct, purpose: KeyPurpose = 'logs', id = 'logs-key'): IKmsKey {
  const key = new KmsKey(scope, id, { enableKeyRotation: true });
  return kmsKeyReference({ keyArn: key.arn, keyId: key.keyId, purpose });
}

export { warningsOf, errorOf } from '../helpers/assertions';

/** The one resource of a type in a stack's JSON (fails when there is not exactly one). */
export function only(resources: Record<string, Record<string, any>>): Record<string, any> {
  const values = Object.values(resources);
  if (values.length !== 1) throw new Error(`expected exactly one resource, found ${values.length}`);
  return values[0];
}
