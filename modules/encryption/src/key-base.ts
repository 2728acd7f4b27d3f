import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AddToResourcePolicyResult, IGrantable, IKmsKey, KeyPurpose, KeyService, KeyServiceUseOptions, PolicyStatement, PolicyStatementList, StackContext, keyServiceStatements } from '@rampart/core';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { GrantOptions, grantKeyUsage } from './grants';
import { DECRYPT_ACTIONS, ENCRYPT_DECRYPT_ACTIONS } from './key-policy';

/**
 * What every key of this module shares: grants to roles (`grantEncryptDecrypt`,
 * `grantDecrypt`) and service use wired from the resources the key encrypts
 * (`grantServiceUse`, `addToResourcePolicy`). A key whose policy is managed here renders
 * {@link policyStatements} into its key policy; an imported key only warns.
 */
export abstract class KeyBase extends Construct implements IKmsKey {
  public abstract readonly keyArn: string;
  public abstract readonly keyId: string;
  public abstract readonly purpose: KeyPurpose;
  /** The account, region and partition of the key. */
  public abstract readonly context: StackContext;
  /** False for a key whose policy is managed elsewhere (statements are then only reported). */
  protected abstract readonly policyManaged: boolean;

  protected readonly policy = new PolicyStatementList();
  /** Services admitted, with the options they were admitted under. */
  private readonly services = new Map<KeyService, KeyServiceUseOptions>();
  private grantCount = 0;

  /** The key policy statements as they will be rendered (tokens unresolved). */
  public get policyStatements(): readonly PolicyStatement[] {
    return this.policy.statements;
  }

  /** Adds a statement to the key policy (see `PolicyStatementList.add` for equal and same-Sid statements). */
  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    if (!this.policyManaged) {
      Annotations.of(this).addWarning(
        `[encryption.imported-key-policy] the ${this.purpose} key ${this.keyArn} is imported, so its key policy is not managed here; add this statement where it is managed: ${JSON.stringify(statement)}`,
      );
      return { statementAdded: false };
    }
    this.policy.add(statement, 'addToResourcePolicy');
    return { statementAdded: true };
  }

  /**
   * Lets an AWS service use the key for resources of the key's account. Called by the
   * resources the key encrypts; idempotent. A service already admitted for every source (a
   * logs key's CloudTrail statement without a trail name) is not narrowed.
   */
  public grantServiceUse(service: KeyService, options: KeyServiceUseOptions = {}): AddToResourcePolicyResult {
    const admitted = this.services.get(service);
    if (admitted && (service !== 'cloudtrail' || admitted.trailName === undefined)) return { statementAdded: this.policyManaged };
    this.services.set(service, options);
    let added = this.policyManaged;
    for (const statement of keyServiceStatements(service, this.context, options)) {
      added = this.addToResourcePolicy(statement).statementAdded && added;
    }
    return { statementAdded: added };
  }

  /**
   * Lets a role encrypt, decrypt, generate data keys and describe this key, through the listed
   * services only, and lets those services create grants on the key for AWS resources the role
   * creates (`kms:CreateGrant` with `kms:GrantIsForAWSResource: true`), as RDS and EBS need.
   */
  public grantEncryptDecrypt(grantee: IGrantable, options: GrantOptions): IamRolePolicy {
    return grantKeyUsage(this, `grant-${++this.grantCount}`, this, grantee, ENCRYPT_DECRYPT_ACTIONS, options, this.context.region, 'grantEncryptDecrypt', true);
  }

  /** Lets a role decrypt with this key, through the listed services only. */
  public grantDecrypt(grantee: IGrantable, options: GrantOptions): IamRolePolicy {
    return grantKeyUsage(this, `grant-${++this.grantCount}`, this, grantee, DECRYPT_ACTIONS, options, this.context.region, 'grantDecrypt');
  }
}
