import { PolicyStatement } from './policy-document';

/**
 * Something permissions can be granted to: an IAM role. Grants by intent
 * (`secret.grantRead(role)`, `key.grantDecrypt(role, ...)`) take one.
 */
export interface IGrantable {
  /** Role name (a token at synth), used to attach inline policies. */
  readonly roleName: string;
  /** Role ARN (a token at synth), used in key and resource policies. */
  readonly roleArn: string;
}

/** What a grant added: the statements and, when it was attached, the construct that holds them. */
export interface Grant {
  /** The grantee. */
  readonly grantee: IGrantable;
  /** The identity-policy statements the grant gave the grantee. */
  readonly statements: readonly PolicyStatement[];
}

/** The result of adding a statement to a resource policy (a key policy, for example). */
export interface AddToResourcePolicyResult {
  /**
   * False when the resource's policy is not managed here (an imported key): the statement must
   * then be added where the policy is managed. A warning says so.
   */
  readonly statementAdded: boolean;
}

/** A resource whose resource policy accepts statements (a KMS key's key policy). */
export interface IResourceWithPolicy {
  /**
   * Adds a statement to the resource policy. A statement equal to one already present is added
   * once; a statement whose `Sid` is already used by another statement with the same effect,
   * principal, actions and resources widens that statement's condition values instead.
   */
  addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult;
}
