import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import {
  KeyPurpose,
  NameParts,
  PolicyStatement,
  RampartValidationError,
  StackContext,
  StackContextProps,
  assertAllValid,
  kmsAliasName,
  validateIntegerRange,
  validateName,
  validateOneOf,
  validateRoleArn,
} from '@rampart/core';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { renderPolicy } from '@rampart/core';
import { KeyBase } from './key-base';
import { accountRootStatement, keyAdministrationStatement } from './key-policy';
import { KEY_PURPOSES, LOG_SERVICES, LogService } from './key-purposes';

const KEY_MARKER = Symbol.for('@rampart/encryption.DataClassKey');

/** Properties of one customer-managed key. */
export interface DataClassKeyProps extends StackContextProps {
  /** Prefix and environment for the alias `alias/<prefix>-<env>-<purpose>`. */
  readonly names: NameParts;
  /** What the key protects. Changing it replaces the alias. */
  readonly purpose: KeyPurpose;
  /** Role that administers the key (key-administration actions only, no use of the key). */
  readonly adminRoleArn: string;
  /**
   * Days between scheduling deletion and the key being destroyed, 7 to 30.
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Services admitted through service-principal statements; only for the `logs` key.
   * @default - all of cloudwatch-logs, cloudtrail, log-delivery for the logs key; none otherwise
   */
  readonly logServices?: readonly LogService[];
  /**
   * Name of the one CloudTrail trail the logs key serves (`aws:SourceArn` condition on that trail).
   * @default - any trail of this account and region
   */
  readonly trailName?: string;
  /** Resolved account/region/partition, shared between keys. Overrides accountId/region/partition. @default - resolved from those props */
  readonly context?: StackContext;
}

/**
 * One customer-managed symmetric KMS key with an alias, annual rotation, a 7–30 day deletion
 * window and a least-privilege key policy. Use comes only from grants
 * (`grantEncryptDecrypt`, `grantDecrypt`), from the log services for the logs key, and from the
 * services of the resources the key encrypts (`grantServiceUse`, called by those resources).
 */
export class DataClassKey extends KeyBase {
  /** True for DataClassKey instances (also across copies of this package). */
  public static isDataClassKey(x: unknown): x is DataClassKey {
    return typeof x === 'object' && x !== null && KEY_MARKER in x;
  }

  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly purpose: KeyPurpose;
  /** `alias/<prefix>-<env>-<purpose>`. */
  public readonly aliasName: string;
  /** ARN of the alias. */
  public readonly aliasArn: string;
  /** The account, region and partition of the key. */
  public readonly context: StackContext;
  /** Escape hatch: the `aws_kms_key` resource. */
  public readonly resource: KmsKey;
  /** Escape hatch: the `aws_kms_alias` resource. */
  public readonly alias: KmsAlias;

  protected readonly policyManaged = true;

  constructor(scope: Construct, id: string, props: DataClassKeyProps) {
    super(scope, id);
    Object.defineProperty(this, KEY_MARKER, { value: true });
    const deletionWindowInDays = props.deletionWindowInDays ?? 30;
    const isLogs = props.purpose === 'logs';
    const logServices = props.logServices ?? (isLogs ? LOG_SERVICES : []);
    assertAllValid([
      validateOneOf('purpose', props.purpose, KEY_PURPOSES),
      validateRoleArn('adminRoleArn', props.adminRoleArn),
      validateIntegerRange('deletionWindowInDays', deletionWindowInDays, 7, 30),
      ...logServices.map((s, i) => validateOneOf(`logServices[${i}]`, s, LOG_SERVICES)),
      !isLogs && logServices.length > 0 ? { code: 'KEY_PURPOSE', path: 'logServices', value: props.logServices, rule: 'log services may only use the logs key' } : undefined,
      props.trailName === undefined ? undefined : validateName('trailName', props.trailName, { maxLength: 128 }),
    ]);
    this.purpose = props.purpose;
    this.aliasName = kmsAliasName(props.names, props.purpose);
    this.context = props.context ?? StackContext.resolve(this, props);

    this.policy.add(accountRootStatement(this.context));
    this.policy.add(keyAdministrationStatement(props.adminRoleArn));
    for (const service of LOG_SERVICES.filter((s) => logServices.includes(s))) this.grantServiceUse(service, { trailName: props.trailName });

    this.resource = new KmsKey(this, 'key', {
      description: `Rampart ${props.purpose} key (${props.names.prefix}-${props.names.environment})`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      deletionWindowInDays,
      multiRegion: false,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.policy.statements) }),
    });
    this.alias = new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    this.aliasArn = this.alias.arn;
  }

  /**
   * Adds a statement to the key policy, e.g. a further service principal. Throws `DUPLICATE`
   * when its Sid is taken by a different statement. Prefer the grant methods for roles and
   * `grantServiceUse` for services.
   */
  public addToKeyPolicy(statement: PolicyStatement): void {
    if (statement.Sid && this.policy.has(statement.Sid)) {
      throw new RampartValidationError({ code: 'DUPLICATE', path: 'addToKeyPolicy.Sid', value: statement.Sid, rule: 'statement ids must be unique within the key policy' });
    }
    this.policy.add(statement);
  }
}
