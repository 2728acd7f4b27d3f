import { TerraformStack, Token } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Construct } from 'constructs';
import {
  AddToResourcePolicyResult,
  BucketEncryption,
  IKmsKey,
  SecureBucket,
  assertAllValid,
  reportOptOut,
  validateAccountId,
  validateIntegerRange,
  validateRegion,
  validateS3BucketName,
} from '@rampart/core';

/** Properties of the remote-state store. */
export interface TerraformStateStoreProps {
  /** Name of the state bucket. Changing it replaces the bucket. */
  readonly bucketName: string;
  /** Name of the DynamoDB lock table. Changing it replaces the table. */
  readonly lockTableName: string;
  /**
   * Alias given to the state key, `alias/...`. Backends name the key by this alias's ARN, which
   * is known before the key exists.
   */
  readonly keyAlias: string;
  /**
   * A state key made elsewhere (for example by the encryption module), used instead of creating
   * one. Its purpose must be `state`.
   * @default - a new key: rotation on, `keyDeletionWindowDays`, the least-privilege policy below, `prevent_destroy`
   */
  readonly key?: IKmsKey;
  /** Account that owns the store; key administration and use are limited to it. */
  readonly accountId: string;
  /** Region of the store; the key may be used only through S3 and DynamoDB in this region. */
  readonly region: string;
  /**
   * Days a noncurrent (replaced) state version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days the key waits before deletion once scheduled (7-30).
   * @default 30
   */
  readonly keyDeletionWindowDays?: number;
  /**
   * Attach the bucket policy that refuses every request made without TLS. Turning it off is an
   * opt-out (reported as `backend.state-bucket-tls-only`) and needs `tlsOnlyOptOutReason`.
   * @default true
   */
  readonly requireTls?: boolean;
  /** Why `requireTls` is off; required when it is (at least 10 characters). */
  readonly tlsOnlyOptOutReason?: string;
}

/** Incomplete multipart uploads of state are cleaned up after this many days. */
const ABORT_MULTIPART_DAYS = 7;

/** Key administration without use of the key for data. */
const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/** What S3 (state objects) and DynamoDB (the lock table) need to use the key on a caller's behalf. */
const KEY_USE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * Where Terraform state lives: a customer-managed key for state, a versioned, KMS-encrypted,
 * private, TLS-only S3 bucket whose noncurrent versions expire, and an on-demand DynamoDB lock
 * table (`LockID`) with point-in-time recovery, KMS encryption and deletion protection. The
 * bucket, the table and the key carry `prevent_destroy`: Terraform refuses to plan their
 * destruction.
 */
export class TerraformStateStore extends Construct implements IKmsKey {
  /** The key this store created; undefined when `key` was passed in. */
  public readonly kmsKey?: KmsKey;
  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly alias: KmsAlias;
  public readonly bucket: S3Bucket;
  public readonly lockTable: DynamodbTable;
  /** The TLS-only bucket policy; undefined when `requireTls` is false. */
  public readonly bucketPolicy?: S3BucketPolicy;
  public readonly purpose = 'state' as const;

  /** The state key admits no AWS service besides S3 and DynamoDB: nothing is added (`statementAdded: false`). */
  public grantServiceUse(): AddToResourcePolicyResult {
    return { statementAdded: false };
  }

  /** The state key's policy is fixed: nothing is added (`statementAdded: false`). */
  public addToResourcePolicy(): AddToResourcePolicyResult {
    return { statementAdded: false };
  }

  constructor(scope: Construct, id: string, props: TerraformStateStoreProps) {
    super(scope, id);
    const expiryDays = props.noncurrentVersionExpirationDays ?? 90;
    const deletionWindow = props.keyDeletionWindowDays ?? 30;
    const requireTls = props.requireTls ?? true;
    assertAllValid(
      [
        validateS3BucketName('bucketName', props.bucketName),
        Token.isUnresolved(props.lockTableName) || /^[a-zA-Z0-9_.-]{3,255}$/.test(props.lockTableName)
          ? undefined
          : { code: 'NAME_FORMAT', path: 'lockTableName', value: props.lockTableName, rule: 'DynamoDB table names are 3-255 characters of letters, digits, "_", "-" and "."' },
        Token.isUnresolved(props.keyAlias) || /^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(props.keyAlias)
          ? undefined
          : { code: 'NAME_FORMAT', path: 'keyAlias', value: props.keyAlias, rule: 'must be alias/ followed by letters, digits, "/", "_" and "-"' },
        props.keyAlias.startsWith('alias/aws/') ? { code: 'NAME_FORMAT', path: 'keyAlias', value: props.keyAlias, rule: 'must not use the reserved alias/aws/ prefix' } : undefined,
        validateAccountId('accountId', props.accountId),
        validateRegion('region', props.region),
        validateIntegerRange('noncurrentVersionExpirationDays', expiryDays, 1, 3650),
        validateIntegerRange('keyDeletionWindowDays', deletionWindow, 7, 30),
        props.key && props.key.purpose !== 'state' ? { code: 'ENUM', path: 'key.purpose', value: props.key.purpose, rule: 'the state store needs a key whose purpose is "state"' } : undefined,
        !requireTls && (props.tlsOnlyOptOutReason ?? '').trim().length < 10
          ? { code: 'REQUIRED', path: 'tlsOnlyOptOutReason', value: props.tlsOnlyOptOutReason, rule: 'must give a reason of at least 10 characters when requireTls is false' }
          : undefined,
      ],
      'Invalid TerraformStateStore props',
    );
    if (props.key) {
      this.keyArn = props.key.keyArn;
      this.keyId = props.key.keyId;
    } else {
      this.kmsKey = this.createKey(props, deletionWindow);
      this.keyArn = this.kmsKey.arn;
      this.keyId = this.kmsKey.keyId;
    }
    this.alias = new KmsAlias(this, 'alias', { name: props.keyAlias, targetKeyId: this.keyId });

    // Created as `Default`: the bucket's resources keep the addresses they had when this
    // construct made them itself, except the bucket policy (see below).
    const secure = new SecureBucket(this, 'Default', {
      bucketName: props.bucketName,
      // The store is its own IKmsKey (the state key).
      encryption: BucketEncryption.kms(this),
      preventDestroy: true,
      requireTls,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: expiryDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_MULTIPART_DAYS }],
        },
      ],
    });
    this.bucket = secure.bucket;
    if (secure.hasPolicy) {
      this.bucketPolicy = secure.policy;
      // The policy used to be this construct's `bucket-policy`; a moved block carries its state over.
      const previous = new Construct(this, 'bucket-policy');
      this.bucketPolicy.moveFromId(`aws_s3_bucket_policy.${TerraformStack.of(this).getLogicalId(previous.node)}`);
    } else {
      reportOptOut(this, {
        id: 'backend.state-bucket-tls-only',
        message: `state bucket ${props.bucketName} gets no TLS-only bucket policy`,
        reason: props.tlsOnlyOptOutReason,
      });
    }

    this.lockTable = new DynamodbTable(this, 'lock-table', {
      name: props.lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.keyArn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }

  /** The state key: rotation on, a deletion window, and a least-privilege key policy. */
  private createKey(props: TerraformStateStoreProps, deletionWindow: number): KmsKey {
    const root = `arn:aws:iam::${props.accountId}:root`;
    const keyPolicy = new DataAwsIamPolicyDocument(this, 'key-policy', {
      statement: [
        {
          sid: 'KeyAdministrationByTheStateAccount',
          principals: [{ type: 'AWS', identifiers: [root] }],
          actions: KEY_ADMIN_ACTIONS,
          resources: ['*'],
        },
        {
          sid: 'StateEncryptionThroughS3AndDynamoDB',
          principals: [{ type: 'AWS', identifiers: [root] }],
          actions: KEY_USE_ACTIONS,
          resources: ['*'],
          condition: [
            { test: 'StringEquals', variable: 'kms:CallerAccount', values: [props.accountId] },
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${props.region}.amazonaws.com`, `dynamodb.${props.region}.amazonaws.com`] },
          ],
        },
        {
          sid: 'DynamoDBGrantsForTheLockTable',
          principals: [{ type: 'AWS', identifiers: [root] }],
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          condition: [
            { test: 'StringEquals', variable: 'kms:CallerAccount', values: [props.accountId] },
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`dynamodb.${props.region}.amazonaws.com`] },
            { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
          ],
        },
      ],
    });

    return new KmsKey(this, 'key', {
      description: `Terraform state: bucket ${props.bucketName} and lock table ${props.lockTableName}`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: keyPolicy.json,
      lifecycle: { preventDestroy: true },
    });
  }
}
