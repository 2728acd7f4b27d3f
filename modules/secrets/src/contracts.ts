import { IKmsKey } from '@rampart/core';

/** A Secrets Manager secret. Implemented by ManagedSecret. */
export interface ISecret {
  readonly secretArn: string;
  readonly secretName: string;
  /** The key the secret is encrypted with. */
  readonly encryptionKey: IKmsKey;
}

/** An SSM SecureString parameter. Implemented by SecureParameter. */
export interface ISecureParameter {
  readonly parameterArn: string;
  readonly parameterName: string;
  /** The key the parameter is encrypted with. */
  readonly encryptionKey: IKmsKey;
}
