import {
  DATA_CLASS_TAG,
  DataClass,
  assertValid,
  DATA_CLASSES,
  failSynth,
  isSensitiveDataClass,
  isDataClass,
  resourcesOf,
  synthesizeResource,
  validateOneOf,
  SynthesizedResource,
  KeyPurpose,
} from '@rampart/core';
import { DefaultTokenResolver, IAspect, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataClassKey } from './data-class-key';
import { ImportedKey } from './imported-key';

/** Metadata type of an explicit data-class label. */
export const DATA_CLASS_LABEL = 'rampart:data-class';

/**
 * Labels a construct, and every resource below it, with the class of data it holds. The
 * binding check reads the nearest label; without one it reads the resource's own
 * `DataClassification` tag (the provider's default_tags do not count: they are a default, not a statement about the data).
 */
export function labelDataClass(scope: IConstruct, dataClass: DataClass): void {
  assertValid(validateOneOf('dataClass', dataClass, DATA_CLASSES));
  scope.node.addMetadata(DATA_CLASS_LABEL, dataClass);
}

/** The class a resource is labelled with (nearest explicit label, else its own tag). */
export function dataClassOf(resource: TerraformResource, attributes?: Record<string, unknown>): DataClass | undefined {
  for (const scope of [...resource.node.scopes].reverse()) {
    const label = scope.node.metadata.find((m) => m.type === DATA_CLASS_LABEL);
    if (label) return label.data as DataClass;
  }
  const tags = (attributes ?? synthesizeResource(resource).attributes).tags as Record<string, unknown> | undefined;
  const tag = tags?.[DATA_CLASS_TAG];
  return isDataClass(tag) ? tag : undefined;
}

/** How a resource is encrypted, as far as synth can tell. */
export type EncryptionUse =
  | { readonly kind: 'key'; readonly ref: string; readonly attribute: string }
  | { readonly kind: 'aws-managed'; readonly detail: string }
  | { readonly kind: 'sse-s3' }
  | { readonly kind: 'unencrypted'; readonly detail: string };

type Attrs = Record<string, any>;

function blocks(value: unknown): Attrs[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'object' && v !== null);
  if (typeof value === 'object' && value !== null) return [value as Attrs];
  return [];
}

function keyOr(attrs: Attrs, attribute: string, fallback: EncryptionUse): EncryptionUse {
  const ref = attrs[attribute];
  return typeof ref === 'string' && ref.length > 0 ? { kind: 'key', ref, attribute } : fallback;
}

function s3DefaultEncryption(rules: Attrs[]): EncryptionUse {
  for (const rule of rules) {
    for (const def of blocks(rule.apply_server_side_encryption_by_default)) {
      if (def.sse_algorithm === 'AES256') return { kind: 'sse-s3' };
      return keyOr(def, 'kms_master_key_id', { kind: 'aws-managed', detail: 'alias/aws/s3' });
    }
  }
  return { kind: 'sse-s3' };
}

function enabled(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * How one resource is encrypted; `undefined` for resource types the check does not cover.
 * Covered: S3 (bucket SSE configuration), RDS instances and clusters, DynamoDB, EBS volumes and
 * snapshot copies, EFS, CloudWatch log groups, Secrets Manager, SNS, SQS, SSM parameters,
 * Kinesis streams, ElastiCache replication groups, OpenSearch (and Elasticsearch) domains,
 * Backup vaults and Lambda functions (environment variables).
 */
export function encryptionOf(r: SynthesizedResource): EncryptionUse | undefined {
  const a = r.attributes as Attrs;
  switch (r.type) {
    case 'aws_s3_bucket_server_side_encryption_configuration':
      return s3DefaultEncryption(blocks(a.rule));
    case 'aws_db_instance':
    case 'aws_rds_cluster':
      if (a.storage_encrypted !== true) return { kind: 'unencrypted', detail: 'storage_encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/rds' });
    case 'aws_dynamodb_table': {
      const sse = blocks(a.server_side_encryption)[0];
      if (!sse || sse.enabled !== true) return { kind: 'aws-managed', detail: 'an AWS owned key (server_side_encryption not enabled)' };
      return keyOr(sse, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/dynamodb' });
    }
    case 'aws_ebs_volume':
    case 'aws_ebs_snapshot_copy':
      if (a.encrypted !== true) return { kind: 'unencrypted', detail: 'encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/ebs' });
    case 'aws_efs_file_system':
      if (a.encrypted !== true) return { kind: 'unencrypted', detail: 'encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/elasticfilesystem' });
    case 'aws_cloudwatch_log_group':
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'the CloudWatch Logs service key (no kms_key_id)' });
    case 'aws_secretsmanager_secret':
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/secretsmanager' });
    case 'aws_sns_topic':
      return keyOr(a, 'kms_master_key_id', { kind: 'unencrypted', detail: 'no kms_master_key_id' });
    case 'aws_sqs_queue':
      return keyOr(a, 'kms_master_key_id', { kind: 'aws-managed', detail: 'SQS-managed encryption (no kms_master_key_id)' });
    case 'aws_ssm_parameter':
      if (a.type !== 'SecureString') return { kind: 'unencrypted', detail: `type ${String(a.type)} is not SecureString` };
      return keyOr(a, 'key_id', { kind: 'aws-managed', detail: 'alias/aws/ssm' });
    case 'aws_kinesis_stream':
      if (a.encryption_type !== 'KMS') return { kind: 'unencrypted', detail: `encryption_type is ${String(a.encryption_type ?? 'NONE')}, not KMS` };
      return keyOr(a, 'kms_key_id', { kind: 'unencrypted', detail: 'encryption_type KMS without kms_key_id' });
    case 'aws_elasticache_replication_group':
      if (!enabled(a.at_rest_encryption_enabled)) return { kind: 'unencrypted', detail: 'at_rest_encryption_enabled is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'the ElastiCache service key (no kms_key_id)' });
    case 'aws_opensearch_domain':
    case 'aws_elasticsearch_domain': {
      const rest = blocks(a.encrypt_at_rest)[0];
      if (!rest || !enabled(rest.enabled)) return { kind: 'unencrypted', detail: 'encrypt_at_rest is not enabled' };
      return keyOr(rest, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/es' });
    }
    case 'aws_backup_vault':
      return keyOr(a, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/backup' });
    case 'aws_lambda_function':
      return keyOr(a, 'kms_key_arn', { kind: 'aws-managed', detail: 'alias/aws/lambda (environment variables; no kms_key_arn)' });
    default:
      return undefined;
  }
}

/**
 * Resource types that hold no data of their own: permissions, network plumbing, keys and
 * aliases, subnet and parameter groups, settings of a bucket, secret, topic or queue that is
 * checked on its own, alarms and backup plans. The binding check passes them when they are
 * labelled (a label on a construct covers every resource below it). Every other type it does
 * not cover fails when labelled with a sensitive class, because its encryption cannot be verified.
 */
export const NO_DATA_RESOURCE_TYPES: readonly string[] = [
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy',
  'aws_iam_instance_profile',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_kms_key',
  'aws_kms_alias',
  'aws_db_subnet_group',
  'aws_db_parameter_group',
  'aws_rds_cluster_parameter_group',
  'aws_elasticache_subnet_group',
  'aws_elasticache_parameter_group',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_logging',
  'aws_secretsmanager_secret_policy',
  'aws_secretsmanager_secret_rotation',
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_sqs_queue_policy',
  'aws_cloudwatch_metric_alarm',
  'aws_backup_plan',
  'aws_backup_selection',
];

const NO_DATA = new Set(NO_DATA_RESOURCE_TYPES);

/**
 * Resource types whose data is encrypted by another resource: the attribute that names it, the
 * parent's type, and the parent's attribute a literal reference matches.
 */
const ENCRYPTED_BY_PARENT: Readonly<Record<string, { readonly attribute: string; readonly parentType: string; readonly parentName: string }>> = {
  aws_s3_bucket_server_side_encryption_configuration: { attribute: 'bucket', parentType: 'aws_s3_bucket', parentName: 'bucket' },
  aws_secretsmanager_secret_version: { attribute: 'secret_id', parentType: 'aws_secretsmanager_secret', parentName: 'name' },
  aws_rds_cluster_instance: { attribute: 'cluster_identifier', parentType: 'aws_rds_cluster', parentName: 'cluster_identifier' },
};

interface KnownKey {
  readonly purpose: KeyPurpose;
  readonly label: string;
}

interface StackIndex {
  readonly keys: Map<string, KnownKey>;
  readonly keyByPurpose: Map<KeyPurpose, string>;
  readonly resources: Map<string, { resource: TerraformResource; synth: SynthesizedResource }>;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolveString(stack: TerraformStack, value: string): string {
  return Token.isUnresolved(value) ? String(Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER })) : value;
}

function isAwsManagedRef(ref: string): boolean {
  return /(^|:)alias\/aws\//.test(ref);
}

/**
 * Fails synth when a resource labelled with a sensitive data class (pii, financial, health,
 * restricted) is encrypted with another class's key, with SSE-S3/AES256, with an AWS-managed
 * or AWS-owned key, not at all, or with a key the check cannot tie to a class (wrap foreign
 * keys with `importKey`). The message names the resource, the class and the key used.
 *
 * Add it to a stack: `Aspects.of(stack).add(new DataClassBindingAspect())`.
 */
export class DataClassBindingAspect implements IAspect {
  private readonly indexes = new WeakMap<TerraformStack, StackIndex>();

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    const stack = TerraformStack.of(resource);
    const index = this.index(stack);
    const entry = index.resources.get(resource.node.path);
    if (!entry) return;
    const { synth } = entry;

    if (synth.type === 'aws_s3_bucket') return this.checkBucket(resource, synth, index);
    const ownClass = dataClassOf(resource, synth.attributes);
    const link = ENCRYPTED_BY_PARENT[synth.type];
    if (link && synth.type === 'aws_s3_bucket_server_side_encryption_configuration') {
      // The configuration is the bucket's encryption: its class is its own or its bucket's.
      const bucket = this.parentOf(synth, index);
      const dataClass = ownClass ?? (bucket ? dataClassOf(bucket.resource, bucket.synth.attributes) : undefined);
      if (dataClass && isSensitiveDataClass(dataClass)) this.check(resource, synth, dataClass, encryptionOf(synth)!, index);
      return;
    }
    if (!ownClass || !isSensitiveDataClass(ownClass)) return;
    if (link) {
      const parent = this.parentOf(synth, index);
      if (!parent) return this.unverifiable(resource, synth, ownClass, `its ${link.parentType} (${link.attribute}) is not in this stack`);
      // A parent labelled with the same class is checked on its own.
      if (dataClassOf(parent.resource, parent.synth.attributes) === ownClass) return;
      const parentUse = encryptionOf(parent.synth);
      if (parentUse) this.check(resource, synth, ownClass, parentUse, index);
      return;
    }
    const use = encryptionOf(synth);
    if (use) return this.check(resource, synth, ownClass, use, index);
    if (NO_DATA.has(synth.type)) return;
    this.unverifiable(resource, synth, ownClass, `the check does not cover resource type ${synth.type}`);
  }

  private unverifiable(resource: TerraformResource, synth: SynthesizedResource, dataClass: DataClass, why: string): void {
    failSynth(
      resource,
      `[DATA_CLASS_BINDING] ${synth.address} (${resource.node.path}) holds ${dataClass} data but its encryption cannot be verified (${why}): ` +
        `keep ${dataClass} data in a resource type the check covers, encrypted with the ${dataClass} key, and label only the resources that hold it`,
    );
  }

  private checkBucket(resource: TerraformResource, synth: SynthesizedResource, index: StackIndex): void {
    const dataClass = dataClassOf(resource, synth.attributes);
    if (!dataClass || !isSensitiveDataClass(dataClass)) return;
    const hasConfig = [...index.resources.values()].some(
      (e) => e.synth.type === 'aws_s3_bucket_server_side_encryption_configuration' && this.parentOf(e.synth, index)?.synth.address === synth.address,
    );
    if (hasConfig) return; // the configuration resource is checked on its own
    const inline = blocks(synth.attributes.server_side_encryption_configuration).flatMap((c) => blocks(c.rule));
    this.check(resource, synth, dataClass, s3DefaultEncryption(inline), index);
  }

  /**
   * The resource that encrypts a dependent one (the bucket of an SSE configuration, the secret of
   * a secret version, the cluster of a cluster instance), found by token reference or by literal name.
   */
  private parentOf(synth: SynthesizedResource, index: StackIndex) {
    const link = ENCRYPTED_BY_PARENT[synth.type];
    if (!link) return undefined;
    const ref = synth.attributes[link.attribute];
    if (typeof ref !== 'string' || ref.length === 0) return undefined;
    const token = new RegExp(`\\$\\{(${link.parentType}\\.[A-Za-z0-9_-]+)\\.`).exec(ref);
    return [...index.resources.values()].find((e) =>
      e.synth.type === link.parentType && (token ? e.synth.address === token[1] : e.synth.attributes[link.parentName] === ref),
    );
  }

  private check(resource: TerraformResource, synth: SynthesizedResource, dataClass: DataClass, use: EncryptionUse, index: StackIndex): void {
    const expected = index.keyByPurpose.get(dataClass);
    const fix = `encrypt it with the ${dataClass} key${expected ? ` (${expected})` : ''}`;
    const subject = `[DATA_CLASS_BINDING] ${synth.address} (${resource.node.path}) holds ${dataClass} data but`;
    switch (use.kind) {
      case 'sse-s3':
        return failSynth(resource, `${subject} uses SSE-S3 (AES256), not a customer-managed key: ${fix}`);
      case 'unencrypted':
        return failSynth(resource, `${subject} is not encrypted with a customer-managed key (${use.detail}): ${fix}`);
      case 'aws-managed':
        return failSynth(resource, `${subject} uses ${use.detail}, an AWS-managed key: ${fix}`);
      case 'key': {
        if (isAwsManagedRef(use.ref)) return failSynth(resource, `${subject} uses the AWS-managed key ${use.ref} (${use.attribute}): ${fix}`);
        const known = index.keys.get(use.ref);
        if (!known) {
          return failSynth(resource, `${subject} is encrypted with ${use.ref} (${use.attribute}), a key not tied to any data class: ${fix}, or wrap the key with importKey({ purpose: '${dataClass}' })`);
        }
        if (known.purpose !== dataClass) {
          return failSynth(resource, `${subject} is encrypted with the ${known.purpose} key ${known.label} (${use.attribute}): ${fix}`);
        }
        return undefined;
      }
    }
  }

  private index(stack: TerraformStack): StackIndex {
    const cached = this.indexes.get(stack);
    if (cached) return cached;
    const keys = new Map<string, KnownKey>();
    const keyByPurpose = new Map<KeyPurpose, string>();
    for (const c of stack.node.findAll()) {
      if (DataClassKey.isDataClassKey(c)) {
        const label = c.aliasName;
        for (const ref of [c.keyArn, c.keyId, c.aliasName, c.aliasArn]) keys.set(resolveString(stack, ref), { purpose: c.purpose, label });
        if (!keyByPurpose.has(c.purpose)) keyByPurpose.set(c.purpose, label);
      } else if (ImportedKey.isImportedKey(c)) {
        const label = resolveString(stack, c.keyArn);
        for (const ref of [c.keyArn, c.keyId]) keys.set(resolveString(stack, ref), { purpose: c.purpose, label });
      }
    }
    const resources = new Map<string, { resource: TerraformResource; synth: SynthesizedResource }>();
    for (const r of resourcesOf(stack)) resources.set(r.node.path, { resource: r, synth: synthesizeResource(r) });
    const index = { keys, keyByPurpose, resources };
    this.indexes.set(stack, index);
    return index;
  }
}
