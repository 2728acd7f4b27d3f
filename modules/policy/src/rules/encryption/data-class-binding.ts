import { DATA_CLASS_TAG, SENSITIVE_DATA_CLASSES } from '@rampart/core';
import { isToken, StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, RuleOutcome, violation } from '../../types';
import { EncryptionUse, encryptionOf, NO_DATA_TYPES } from './encryption-of';

const SENSITIVE = SENSITIVE_DATA_CLASSES as readonly string[];
const NO_DATA = new Set(NO_DATA_TYPES);

/** Types whose data another resource encrypts: the attribute naming it and the parent's type. */
const ENCRYPTED_BY_PARENT: Readonly<Record<string, { readonly attribute: string; readonly parentType: string }>> = {
  aws_s3_bucket_server_side_encryption_configuration: { attribute: 'bucket', parentType: 'aws_s3_bucket' },
  aws_secretsmanager_secret_version: { attribute: 'secret_id', parentType: 'aws_secretsmanager_secret' },
  aws_rds_cluster_instance: { attribute: 'cluster_identifier', parentType: 'aws_rds_cluster' },
};

/**
 * The class a resource is labelled with: a label from the construct tree (`labelDataClass`,
 * passed in by `RampartPolicy`), else the resource's OWN `DataClassification` tag. The provider's
 * default_tags do not count: they are a default, not a statement about the data.
 */
export function labelledClass(r: PolicyResource, ctx: StackContext): string | undefined {
  const label = ctx.labels.get(r.address);
  if (label) return label;
  const tags = r.attributes.tags;
  const v = tags && typeof tags === 'object' ? (tags as Record<string, unknown>)[DATA_CLASS_TAG] : undefined;
  return typeof v === 'string' && !isToken(v) ? v : undefined;
}

/**
 * The data class a KMS key serves: its own `DataClassification` tag, else an `aws_kms_alias`
 * targeting it named `alias/...-<class>`, else a description `Rampart <class> key`.
 */
export function keyClass(key: PolicyResource, ctx: StackContext): string | undefined {
  const own = labelledClass(key, ctx);
  if (own) return own;
  for (const alias of ctx.related('aws_kms_alias', 'target_key_id', key)) {
    const m = /-([a-z]+)$/.exec(String(alias.attributes.name ?? ''));
    if (m && SENSITIVE.includes(m[1])) return m[1];
  }
  const d = /^Rampart ([a-z]+) key\b/.exec(String(key.attributes.description ?? ''));
  return d ? d[1] : undefined;
}

/** How to name the stack's key of a class in a hint: its alias, else its address; undefined without one. */
function keyOfClass(dataClass: string, ctx: StackContext): string | undefined {
  for (const key of ctx.ofType('aws_kms_key')) {
    if (keyClass(key, ctx) !== dataClass) continue;
    const alias = ctx.related('aws_kms_alias', 'target_key_id', key)[0];
    return typeof alias?.attributes.name === 'string' ? alias.attributes.name : key.address;
  }
  return undefined;
}

function judge(_r: PolicyResource, dataClass: string, use: EncryptionUse, ctx: StackContext): RuleOutcome {
  const expected = keyOfClass(dataClass, ctx);
  const fix = `encrypt it with the ${dataClass} key${expected ? ` (${expected})` : ''}`;
  switch (use.kind) {
    case 'sse-s3':
      return violation(`holds ${dataClass} data but uses SSE-S3 (AES256), not a customer-managed key`, { hint: fix });
    case 'unencrypted':
      return violation(`holds ${dataClass} data but is not encrypted with a customer-managed key (${use.detail})`, { hint: fix });
    case 'aws-managed':
      return violation(`holds ${dataClass} data but uses ${use.detail}, an AWS-managed key`, { hint: fix });
    case 'key': {
      if (/(^|:)alias\/aws\//.test(use.ref)) return violation(`holds ${dataClass} data but uses the AWS-managed key ${use.ref} (${use.attribute})`, { hint: fix });
      // A key from outside the stack, tied to a class in code (importKey).
      const imported = ctx.keyClasses.get(use.ref);
      if (imported !== undefined) {
        return imported === dataClass ? COMPLIANT : violation(`holds ${dataClass} data but is encrypted with the imported ${imported} key ${use.ref} (${use.attribute})`, { hint: fix });
      }
      let key = ctx.resolve(use.ref);
      if (key?.type === 'aws_kms_alias') key = ctx.resolve(key.attributes.target_key_id) ?? key;
      if (!key || key.type !== 'aws_kms_key') {
        const alias = ctx.ofType('aws_kms_alias').find((a) => a.attributes.name === use.ref || (typeof a.attributes.name === 'string' && use.ref.endsWith(`:${a.attributes.name}`)));
        const target = alias ? ctx.resolve(alias.attributes.target_key_id) : undefined;
        if (target) key = target;
      }
      const cls = key && key.type === 'aws_kms_key' ? keyClass(key, ctx) : undefined;
      if (!cls) {
        return violation(`holds ${dataClass} data but is encrypted with ${use.ref} (${use.attribute}), a key not tied to any data class`, {
          hint: `${fix}, tag the key DataClassification = ${dataClass}, or wrap a key from outside the stack with importKey({ purpose: '${dataClass}' })`,
        });
      }
      if (cls !== dataClass) return violation(`holds ${dataClass} data but is encrypted with the ${cls} key ${keyLabel(key!, ctx)} (${use.attribute})`, { hint: fix });
      return COMPLIANT;
    }
  }
}

/**
 * A resource labelled pii, financial, health or restricted is encrypted with that class's key.
 * Fails closed: a labelled resource of a type that holds data but whose encryption the rule cannot
 * read is a finding.
 */
export const encryptionDataClassBinding: PolicyRule = {
  id: 'encryption-data-class-binding',
  title: "Resources labelled pii, financial, health or restricted are encrypted with that data class's customer-managed key",
  area: 'encryption',
  severity: 'critical',
  suppressible: false,
  mappings: {},
  hint: 'encrypt the resource with the key of its data class (DataClassKeys), and label only resources that hold that data',
  resourceTypes: ['*'],
  check(r: PolicyResource, ctx: StackContext) {
    const own = labelledClass(r, ctx);
    const link = ENCRYPTED_BY_PARENT[r.type];
    const parent = link ? (ctx.resolve(r.attributes[link.attribute]) ?? ctx.ofType(link.parentType).find((p) => ctx.refersTo(r.attributes[link.attribute], p))) : undefined;
    if (r.type === 'aws_s3_bucket_server_side_encryption_configuration') {
      const cls = own ?? (parent ? labelledClass(parent, ctx) : undefined);
      return cls && SENSITIVE.includes(cls) ? judge(r, cls, encryptionOf(r)!, ctx) : NOT_APPLICABLE;
    }
    if (r.type === 'aws_s3_bucket') {
      if (!own || !SENSITIVE.includes(own)) return NOT_APPLICABLE;
      if (ctx.related('aws_s3_bucket_server_side_encryption_configuration', 'bucket', r).length > 0) return COMPLIANT; // judged on the configuration
      const rules = blocksOf(r.attributes.server_side_encryption_configuration).flatMap((c) => blocksOf(c.rule));
      return judge(r, own, encryptionOf({ type: 'aws_s3_bucket_server_side_encryption_configuration', attributes: { rule: rules } })!, ctx);
    }
    if (!own || !SENSITIVE.includes(own)) return NOT_APPLICABLE;
    if (link) {
      if (!parent) return violation(`holds ${own} data but its encryption cannot be verified: its ${link.parentType} (${link.attribute}) is not in this stack`);
      if (labelledClass(parent, ctx) === own) return COMPLIANT; // the parent is judged on its own
      const use = encryptionOf(parent);
      return use ? judge(r, own, use, ctx) : NOT_APPLICABLE;
    }
    const use = encryptionOf(r);
    if (use) return judge(r, own, use, ctx);
    if (NO_DATA.has(r.type)) return COMPLIANT;
    return violation(`holds ${own} data but its encryption cannot be verified: the rule does not cover resource type ${r.type}`, {
      hint: `keep ${own} data in a resource type the rule covers, encrypted with the ${own} key, and label only the resources that hold it`,
    });
  },
};

/** A key's alias name when it has one, else its address. */
function keyLabel(key: PolicyResource, ctx: StackContext): string {
  const alias = ctx.related('aws_kms_alias', 'target_key_id', key)[0];
  return typeof alias?.attributes.name === 'string' ? alias.attributes.name : key.address;
}

function blocksOf(value: unknown): Array<Record<string, any>> {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object');
  if (value && typeof value === 'object') return [value as Record<string, any>];
  return [];
}
