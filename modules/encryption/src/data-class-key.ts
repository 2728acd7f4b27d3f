import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  IKmsKey,
  IRoleGrantee,
  KeyPurpose,
  NameParts,
  RampartValidationError,
  assertAllValid,
  kmsAliasName,
  validateIntegerRange,
  validateName,
  validateOneOf,
  validateRoleArn,
} from '@rampart/core';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsContext, AwsContextProps, resolveAwsContext } from './aws-context';
import { GrantOptions, grantKeyUsage } from './grants';
import { DECRYPT_ACTIONS, ENCRYPT_DECRYPT_ACTIONS, accountRootStatement, keyAdministrationStatement, logServiceStatements } from './key-policy';
import { KEY_PURPOSES, LOG_SERVICES, LogService } from './key-purposes';
import { PolicyStatement, renderPolicy } from './policy-document';

const KEY_MARKER = Symbol.for('@rampart/encryption.DataClassKey');

/** Properties of one customer-managed key. */
export interface DataClassKeyProps extends AwsContextProps {
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
  readonly context?: AwsContext;
}

/**
 * One customer-managed symmetric KMS key with an alias, annual rotation, a 7–30 day deletion
 * window and a least-privilege key policy. Use comes only from grants
 * (`grantEncryptDecrypt`, `grantDecrypt`) and, for the logs key, from the log services.
 */
export class DataClassKey extends Construct implements IKmsKey {
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
  public readonly context: AwsContext;
  /** Escape hatch: the `aws_kms_key` resource. */
  public readonly resource: KmsKey;
  /** Escape hatch: the `aws_kms_alias` resource. */
  public readonly alias: KmsAlias;

  private readonly statements: PolicyStatement[];
  private grantCount = 0;

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
      !isLogs && logServices.length > 0
        ? { code: 'KEY_PURPOSE', path: 'logServices', value: props.logServices, rule: 'log services may only use the logs key' }
        : undefined,
      props.trailName === undefined ? undefined : validateName('trailName', props.trailName, { maxLength: 128 }),
    ]);
    this.purpose = props.purpose;
    this.aliasName = kmsAliasName(props.names, props.purpose);
    this.context = props.context ?? resolveAwsContext(this, props);

    this.statements = [
      accountRootStatement(this.context),
      keyAdministrationStatement(props.adminRoleArn),
      ...logServiceStatements(this.context, logServices, { trailName: props.trailName }),
    ];

    this.resource = new KmsKey(this, 'key', {
      description: `Rampart ${props.purpose} key (${props.names.prefix}-${props.names.environment})`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      deletionWindowInDays,
      multiRegion: false,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.statements) }),
    });
    this.alias = new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    this.aliasArn = this.alias.arn;
  }

  /** The key policy statements as they will be rendered (tokens unresolved). */
  public get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  /**
   * Adds a statement to the key policy, e.g. a further service principal. Prefer the grant
   * methods for roles: they scope use to this key and to named services.
   */
  public addToKeyPolicy(statement: PolicyStatement): void {
    if (statement.Sid && this.statements.some((s) => s.Sid === statement.Sid)) {
      throw new RampartValidationError({ code: 'DUPLICATE', path: 'addToKeyPolicy.Sid', value: statement.Sid, rule: 'statement ids must be unique within the key policy' });
    }
    this.statements.push(statement);
  }

  /**
   * Lets a role encrypt, decrypt, generate data keys and describe this key, through the listed
   * services only, and lets those services create grants on the key for AWS resources the role
   * creates (`kms:CreateGrant` with `kms:GrantIsForAWSResource: true`), as RDS and EBS need.
   */
  public grantEncryptDecrypt(grantee: IRoleGrantee, options: GrantOptions): IamRolePolicy {
    return grantKeyUsage(this, `grant-${++this.grantCount}`, this, grantee, ENCRYPT_DECRYPT_ACTIONS, options, this.context.region, 'grantEncryptDecrypt', true);
  }

  /** Lets a role decrypt with this key, through the listed services only. */
  public grantDecrypt(grantee: IRoleGrantee, options: GrantOptions): IamRolePolicy {
    return grantKeyUsage(this, `grant-${++this.grantCount}`, this, grantee, DECRYPT_ACTIONS, options, this.context.region, 'grantDecrypt');
  }
}
