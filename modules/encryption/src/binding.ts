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

/**
 * How one resource is encrypted; `undefined` for resource types the check does not cover.
 * Covered: S3 (bucket SSE configuration), RDS instances and clusters, DynamoDB, EBS, CloudWatch
 * log groups, Secrets Manager, SNS, SQS and SSM parameters.
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
      if (a.encrypted !== true) return { kind: 'unencrypted', detail: 'encrypted is not true' };
      return keyOr(a, 'kms_key_id', { kind: 'aws-managed', detail: 'alias/aws/ebs' });
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
    default:
      return undefined;
  }
}

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
    const use = encryptionOf(synth);
    if (!use) return;
    let dataClass = dataClassOf(resource, synth.attributes);
    if (!dataClass && synth.type === 'aws_s3_bucket_server_side_encryption_configuration') {
      const bucket = this.referencedBucket(String(synth.attributes.bucket ?? ''), index);
      if (bucket) dataClass = dataClassOf(bucket.resource, bucket.synth.attributes);
    }
    if (dataClass && isSensitiveDataClass(dataClass)) this.check(resource, synth, dataClass, use, index);
  }

  private checkBucket(resource: TerraformResource, synth: SynthesizedResource, index: StackIndex): void {
    const dataClass = dataClassOf(resource, synth.attributes);
    if (!dataClass || !isSensitiveDataClass(dataClass)) return;
    const marker = `${synth.address}.`;
    const hasConfig = [...index.resources.values()].some(
      (e) => e.synth.type === 'aws_s3_bucket_server_side_encryption_configuration' && String(e.synth.attributes.bucket ?? '').includes(marker),
    );
    if (hasConfig) return; // the configuration resource is checked on its own
    const inline = blocks(synth.attributes.server_side_encryption_configuration).flatMap((c) => blocks(c.rule));
    this.check(resource, synth, dataClass, s3DefaultEncryption(inline), index);
  }

  private referencedBucket(ref: string, index: StackIndex) {
    const m = /\$\{(aws_s3_bucket\.[A-Za-z0-9_-]+)\./.exec(ref);
    if (!m) return undefined;
    return [...index.resources.values()].find((e) => e.synth.address === m[1]);
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
