import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { IKmsKey } from './contracts';
import { RampartValidationError, assertAllValid } from './errors';
import { AddToResourcePolicyResult, IResourceWithPolicy, PolicyStatement, PolicyStatementList, denyInsecureTransport, renderPolicy } from './iam';
import { validateS3BucketName } from './validators';

/**
 * How a secure bucket's objects are encrypted by default: SSE-KMS under a customer-managed key
 * (with an S3 bucket key), or SSE-S3 only where AWS requires it (for example load-balancer
 * access logs, which Elastic Load Balancing cannot write into an SSE-KMS bucket). Build with
 * `BucketEncryption.kms(key)` / `BucketEncryption.s3Managed(reason)`.
 */
export type BucketEncryption = { readonly kind: 'kms'; readonly key: IKmsKey } | { readonly kind: 's3-managed'; readonly reason: string };

/** Builders for {@link BucketEncryption}. */
export const BucketEncryption = {
  /** SSE-KMS under a customer-managed key, with an S3 bucket key. */
  kms(key: IKmsKey): BucketEncryption {
    return { kind: 'kms', key };
  },
  /** SSE-S3 (AES-256), where the writing service supports nothing else. `reason` says which service and why. */
  s3Managed(reason: string): BucketEncryption {
    return { kind: 's3-managed', reason };
  },
};

/** S3 server access logging of a secure bucket into another bucket. */
export interface BucketAccessLogging {
  /** Name of the bucket the access logs go to. */
  readonly targetBucket: string;
  /** Key prefix of this bucket's access logs. */
  readonly targetPrefix: string;
  /** What must exist before logging is configured (for example the target bucket's policy). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Properties of a {@link SecureBucket}. */
export interface SecureBucketProps {
  /** Bucket name (S3 rules). Changing it replaces the bucket. */
  readonly bucketName: string;
  /** Default encryption: `BucketEncryption.kms(key)`, or SSE-S3 only where AWS requires it. */
  readonly encryption: BucketEncryption;
  /** Create the bucket with S3 Object Lock enabled (configure the default retention separately). @default false */
  readonly objectLockEnabled?: boolean;
  /**
   * Lifecycle rules. The lifecycle configuration depends on the versioning configuration.
   * @default - no lifecycle configuration
   */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** Server access logging into another bucket. @default - none */
  readonly accessLogging?: BucketAccessLogging;
  /** Terraform refuses to plan the bucket's destruction (`prevent_destroy`). @default false */
  readonly preventDestroy?: boolean;
  /** Tags of the bucket. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Deny every request not made over TLS in the bucket policy. Turning it off is an opt-out the
   * caller reports; without it the bucket policy exists only once a statement is added.
   * @default true
   */
  readonly requireTls?: boolean;
}

/**
 * The one secure S3 bucket of the catalogue: versioning on; SSE-KMS under a customer-managed key
 * with a bucket key (or SSE-S3 where AWS requires it); all four public access blocks; ACLs
 * disabled (`BucketOwnerEnforced`); a bucket policy that denies every request not made over TLS
 * (unless `requireTls` is false),
 * plus any statements added with {@link addToResourcePolicy}; optional lifecycle rules, server
 * access logging and Object Lock.
 *
 * Resources are created under this construct with the ids `bucket`, `versioning`, `encryption`,
 * `public-access-block`, `ownership`, `policy`, `lifecycle` and `access-logging`. Created with the
 * id `Default`, the construct is left out of Terraform addresses, so a construct that wraps it
 * keeps the addresses of resources it used to create itself.
 */
export class SecureBucket extends Construct implements IResourceWithPolicy {
  /** The provider bucket (escape hatch). */
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly versioning: S3BucketVersioningA;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly ownership: S3BucketOwnershipControls;
  /** The lifecycle configuration, when rules were given. */
  public readonly lifecycle?: S3BucketLifecycleConfiguration;
  /** The server access logging configuration, when given. */
  public readonly accessLogging?: S3BucketLoggingA;

  private readonly statements = new PolicyStatementList();
  private readonly requireTls: boolean;
  private bucketPolicy?: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const enc = props.encryption;
    assertAllValid([
      validateS3BucketName('bucketName', props.bucketName),
      enc.kind === 's3-managed' && (enc.reason ?? '').trim().length === 0
        ? { code: 'REQUIRED', path: 'encryption.reason', value: enc.reason, rule: 'SSE-S3 needs the reason AWS requires it (a customer-managed key is the default)' }
        : undefined,
    ]);

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      objectLockEnabled: props.objectLockEnabled || undefined,
      ...(props.tags ? { tags: props.tags } : {}),
      ...(props.preventDestroy ? { lifecycle: { preventDestroy: true } } : {}),
    });
    const bucket = this.bucket.id;
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.versioning = new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        enc.kind === 'kms'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: enc.key.keyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownership = new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    this.requireTls = props.requireTls ?? true;
    if (this.requireTls) this.createPolicy();
    if (props.lifecycleRules && props.lifecycleRules.length > 0) {
      this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: props.lifecycleRules, dependsOn: [this.versioning] });
    }
    if (props.accessLogging) {
      this.accessLogging = new S3BucketLoggingA(this, 'access-logging', {
        bucket,
        targetBucket: props.accessLogging.targetBucket,
        targetPrefix: props.accessLogging.targetPrefix,
        ...(props.accessLogging.dependsOn ? { dependsOn: props.accessLogging.dependsOn } : {}),
      });
    }
  }

  /**
   * Adds a statement to the bucket policy (before the TLS-only deny). Equal statements are kept
   * once; a statement id may be used once (see {@link PolicyStatementList}).
   */
  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    this.statements.add(statement, 'bucketPolicy');
    this.createPolicy();
    return { statementAdded: true };
  }

  /** True when the bucket has a policy (always, unless `requireTls` is false and no statement was added). */
  public get hasPolicy(): boolean {
    return this.bucketPolicy !== undefined;
  }

  /**
   * The bucket policy: added statements first, then the TLS-only deny. Depends on the public
   * access block. Throws when there is none (`requireTls: false` and no statement added).
   */
  public get policy(): S3BucketPolicy {
    if (!this.bucketPolicy) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'requireTls', value: false, rule: 'the bucket has no policy: requireTls is false and no statement was added' });
    }
    return this.bucketPolicy;
  }

  private createPolicy(): void {
    if (this.bucketPolicy) return;
    this.bucketPolicy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      // The TLS deny comes last: the local emulator stops reading a policy at a string Principal.
      policy: Lazy.stringValue({
        produce: () => renderPolicy([...this.statements.statements, ...(this.requireTls ? [denyInsecureTransport('s3:*', [this.bucketArn, `${this.bucketArn}/*`])] : [])]),
      }),
      dependsOn: [this.publicAccessBlock],
    });
  }
}
