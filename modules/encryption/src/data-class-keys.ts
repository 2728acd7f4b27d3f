import { IGrantable, KeyPurpose, NameParts, RampartValidationError, StackContext, StackContextProps, assertAllValid, validateOneOf } from '@rampart/core';
import { Construct } from 'constructs';
import { DataClassKey } from './data-class-key';
import { GrantOptions } from './grants';
import { DEFAULT_KEY_PURPOSES, KEY_PURPOSES, LogService } from './key-purposes';

/** Properties of the key set of one environment or account. */
export interface DataClassKeysProps extends StackContextProps {
  /** Prefix and environment; each alias is `alias/<prefix>-<env>-<purpose>`. */
  readonly names: NameParts;
  /** Role that administers every key (key-administration actions only). */
  readonly adminRoleArn: string;
  /**
   * The keys to create, one per purpose. A stack that needs only the audit-log key passes `['logs']`.
   * @default DEFAULT_KEY_PURPOSES: pii, financial, health, restricted, logs, secrets, backup
   */
  readonly purposes?: readonly KeyPurpose[];
  /**
   * Deletion window of every key, 7 to 30 days.
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Services admitted to the logs key.
   * @default - cloudwatch-logs, cloudtrail and log-delivery
   */
  readonly logServices?: readonly LogService[];
  /**
   * The one CloudTrail trail allowed to use the logs key: the exact name of the trail the stack
   * creates in this account and region (the org stack passes `OrgStack.trailName`,
   * `<prefix>-org-audit-trail`). A trail with another name cannot use the key.
   * @default - any trail of this account and region
   */
  readonly trailName?: string;
}

/**
 * One customer-managed key per purpose (data class, logs, secrets, backup), sharing an admin
 * role, a deletion window and one lookup of account, region and partition.
 *
 * Access a key with `keys.key('logs')`: typed as `DataClassKey` (an `IKmsKey`), and a typed
 * error when that key was not created.
 */
export class DataClassKeys extends Construct {
  /** The purposes created, in order. */
  public readonly purposes: readonly KeyPurpose[];
  /** The account, region and partition of the keys. */
  public readonly context: StackContext;
  private readonly byPurpose = new Map<KeyPurpose, DataClassKey>();

  constructor(scope: Construct, id: string, props: DataClassKeysProps) {
    super(scope, id);
    const purposes = props.purposes ?? DEFAULT_KEY_PURPOSES;
    assertAllValid([
      purposes.length === 0 ? { code: 'REQUIRED', path: 'purposes', value: purposes, rule: 'must name at least one key purpose' } : undefined,
      ...purposes.map((p, i) => validateOneOf(`purposes[${i}]`, p, KEY_PURPOSES)),
      ...purposes.map((p, i) => (purposes.indexOf(p) !== i ? { code: 'DUPLICATE', path: `purposes[${i}]`, value: p, rule: 'each purpose may be listed once' } : undefined)),
      props.logServices !== undefined && !purposes.includes('logs') ? { code: 'KEY_PURPOSE', path: 'logServices', value: props.logServices, rule: 'needs the logs key in purposes' } : undefined,
    ]);
    this.purposes = [...purposes];
    this.context = StackContext.resolve(this, props);
    for (const purpose of purposes) {
      const isLogs = purpose === 'logs';
      this.byPurpose.set(
        purpose,
        new DataClassKey(this, purpose, {
          names: props.names,
          purpose,
          adminRoleArn: props.adminRoleArn,
          deletionWindowInDays: props.deletionWindowInDays,
          context: this.context,
          logServices: isLogs ? props.logServices : undefined,
          trailName: isLogs ? props.trailName : undefined,
        }),
      );
    }
  }

  /** The key of one purpose. Throws a RampartValidationError (`KEY_NOT_CREATED`) when it was not created. */
  public key(purpose: KeyPurpose): DataClassKey {
    const key = this.byPurpose.get(purpose);
    if (!key) {
      throw new RampartValidationError({ code: 'KEY_NOT_CREATED', path: 'purpose', value: purpose, rule: `must be one of the purposes this key set created: ${this.purposes.join(', ')}` });
    }
    return key;
  }

  /** True when a key of that purpose was created. */
  public has(purpose: KeyPurpose): boolean {
    return this.byPurpose.has(purpose);
  }

  /** Every key, in the order of `purposes`. */
  public get all(): readonly DataClassKey[] {
    return [...this.byPurpose.values()];
  }

  /** Shorthand for `key(purpose).grantEncryptDecrypt(grantee, options)`. */
  public grantEncryptDecrypt(purpose: KeyPurpose, grantee: IGrantable, options: GrantOptions) {
    return this.key(purpose).grantEncryptDecrypt(grantee, options);
  }

  /** Shorthand for `key(purpose).grantDecrypt(grantee, options)`. */
  public grantDecrypt(purpose: KeyPurpose, grantee: IGrantable, options: GrantOptions) {
    return this.key(purpose).grantDecrypt(grantee, options);
  }
}
