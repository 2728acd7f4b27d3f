import { DATA_CLASS_TAG, PERMISSION_BOUNDARY_MARKER, SENSITIVE_DATA_CLASSES } from '@rampart/core';
import { PolicyDocument, parsePolicyDocument } from './policy-document';
import { PolicyResource } from './types';

/** Terraform JSON of one stack, as in cdk.tf.json. */
export interface TerraformJson {
  readonly '//'?: { metadata?: { path?: string; stackName?: string }; source?: 'plan' };
  readonly terraform?: Record<string, any>;
  readonly provider?: Record<string, Array<Record<string, any>>>;
  readonly resource?: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
}

/** Facts about the stack that some rules need. */
export interface StackFacts {
  /** Stack name (directory under cdktf.out/stacks). */
  readonly stackName: string;
  /** Production stacks get the strict checks (multi-AZ, deletion protection, longer windows). */
  readonly production: boolean;
  /**
   * The stack creates the remote state store (bucket and lock table) that the other stacks use,
   * and keeps its own state locally until it is migrated into that store. @default false
   */
  readonly stateBootstrap?: boolean;
  /** Data-class labels from the construct tree (`labelDataClass`), by Terraform address. @default - none */
  readonly labels?: ReadonlyMap<string, string>;
  /**
   * Data classes of KMS keys that are not resources of the stack (`importKey`), by every string
   * that names them (ARN, key id). @default - none
   */
  readonly keyClasses?: ReadonlyMap<string, string>;
}

/** `type.name` or `data.type.name`, with an optional instance key, inside an expression. */
const IDENT_REF = /(?<![\w.\]])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?/g;

/** The expressions of `${...}` template sequences in a string (nested braces balanced; `$${` is a literal). */
export function templateSequences(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  while ((i = value.indexOf('${', i)) >= 0) {
    if (i > 0 && value[i - 1] === '$') {
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    for (; j < value.length && depth > 0; j++) {
      if (value[j] === '{') depth++;
      else if (value[j] === '}') depth--;
    }
    out.push(value.slice(i + 2, depth === 0 ? j - 1 : j));
    i = j;
  }
  return out;
}

/** A value that Terraform will only know at plan or apply time. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** `true` for boolean true and the string "true" (overrides sometimes carry strings). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A number, or a numeric string; undefined otherwise (including tokens). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** First element of a nested block list (Terraform JSON renders blocks as arrays or objects). */
export function block(value: unknown): Record<string, any> | undefined {
  if (Array.isArray(value)) return value[0] as Record<string, any> | undefined;
  if (value && typeof value === 'object') return value as Record<string, any>;
  return undefined;
}

/** All elements of a nested block list. */
export function blocks(value: unknown): Array<Record<string, any>> {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object');
  if (value && typeof value === 'object') return [value as Record<string, any>];
  return [];
}

/**
 * Everything a rule may look at besides its own resource: the stack's other resources, data
 * sources, providers and Terraform block, and the helpers that follow `${type.name.attr}`
 * references between them.
 */
export class StackContext {
  public readonly stackName: string;
  public readonly production: boolean;
  public readonly stateBootstrap: boolean;
  /** Data-class labels from the construct tree, by address (tags are read from the JSON). */
  public readonly labels: ReadonlyMap<string, string>;
  /** Data classes of keys from outside the stack (`importKey`), by ARN or key id. */
  public readonly keyClasses: ReadonlyMap<string, string>;
  public readonly resources: readonly PolicyResource[];
  public readonly dataSources: readonly PolicyResource[];
  public readonly terraform: Record<string, any>;
  public readonly providers: Record<string, Array<Record<string, any>>>;
  /** True when the input was a `terraform show -json` plan (resolved values; no backend). */
  public readonly fromPlan: boolean;
  private readonly byAddress = new Map<string, PolicyResource>();
  private readonly byType = new Map<string, PolicyResource[]>();
  private readonly managedByType = new Map<string, readonly PolicyResource[]>();
  private readonly refCache = new Map<string, PolicyResource[]>();
  /** Instances of counted resources (`x[0]`, `x["k"]`, from plans) by their address without the index. */
  private readonly byBase = new Map<string, PolicyResource>();

  constructor(json: TerraformJson, facts: StackFacts) {
    this.stackName = facts.stackName;
    this.production = facts.production;
    this.stateBootstrap = facts.stateBootstrap ?? false;
    this.labels = facts.labels ?? new Map();
    this.keyClasses = facts.keyClasses ?? new Map();
    this.terraform = json.terraform ?? {};
    this.providers = json.provider ?? {};
    this.fromPlan = (json['//'] as Record<string, unknown> | undefined)?.source === 'plan';
    this.resources = flatten(json.resource, '');
    this.dataSources = flatten(json.data, 'data.');
    for (const r of [...this.resources, ...this.dataSources]) {
      this.byAddress.set(r.address, r);
      const base = r.address.replace(/\[[^\]]*\]$/, '');
      if (base !== r.address && !this.byBase.has(base)) this.byBase.set(base, r);
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  /** The resource (or `data.` source) at an address. */
  public get(address: string): PolicyResource | undefined {
    return this.byAddress.get(address);
  }

  /** Managed resources of one type, in address order. */
  public ofType(type: string): readonly PolicyResource[] {
    let list = this.managedByType.get(type);
    if (!list) {
      list = (this.byType.get(type) ?? []).filter((r) => !r.address.startsWith('data.'));
      this.managedByType.set(type, list);
    }
    return list;
  }

  /**
   * Every resource a string value references inside its `${...}` template sequences, wherever the
   * reference sits in the expression (`${jsonencode(aws_s3_bucket.x.arn)}`), and through `count`
   * and `for_each` instances (`${aws_s3_bucket.x[each.key].id}`, `${aws_s3_bucket.x[0].id}`).
   */
  public referencedResources(value: unknown): PolicyResource[] {
    if (typeof value !== 'string' || !value.includes('${')) return [];
    const cached = this.refCache.get(value);
    if (cached) return cached;
    const out: PolicyResource[] = [];
    this.refCache.set(value, out);
    for (const expr of templateSequences(value)) {
      for (const m of expr.matchAll(IDENT_REF)) {
        const [, dataPrefix, type, name, index] = m;
        const base = `${dataPrefix ? 'data.' : ''}${type}.${name}`;
        const r = (index !== undefined ? this.byAddress.get(`${base}${index}`) : undefined) ?? this.byAddress.get(base) ?? this.byBase.get(base);
        if (r && !out.includes(r)) out.push(r);
      }
    }
    return out;
  }

  /** The one resource a value points at, when it is a reference. */
  public resolve(value: unknown): PolicyResource | undefined {
    return this.referencedResources(value)[0];
  }

  /**
   * True when `value` identifies `target`: a `${type.name.*}` reference to it, or a literal equal
   * to one of its identifying attributes (`bucket`, `name`, `arn`, `id`).
   */
  public refersTo(value: unknown, target: PolicyResource): boolean {
    if (typeof value !== 'string') return false;
    if (this.referencedResources(value).some((r) => r.address === target.address)) return true;
    if (isToken(value)) return false;
    return ['bucket', 'name', 'arn', 'id'].some((k) => typeof target.attributes[k] === 'string' && !isToken(target.attributes[k]) && target.attributes[k] === value);
  }

  /** Resources of `type` whose `attribute` identifies `target` (e.g. the versioning of a bucket). */
  public related(type: string, attribute: string, target: PolicyResource): readonly PolicyResource[] {
    return this.ofType(type).filter((r) => {
      const v = r.attributes[attribute];
      return Array.isArray(v) ? v.some((x) => this.refersTo(x, target)) : this.refersTo(v, target);
    });
  }

  /**
   * The stack's permission boundary policies: the `aws_iam_policy` resources marked as such in
   * their `//` comment (`PermissionBoundaryPolicy` marks its own). Empty for a stack without one.
   */
  public permissionBoundaries(): readonly PolicyResource[] {
    return this.ofType('aws_iam_policy').filter((p) => p.attributes['//']?.[PERMISSION_BOUNDARY_MARKER] === true);
  }

  /** The provider default_tags that apply to a resource (its `provider` alias, or the default aws provider). */
  public defaultTags(resource: PolicyResource): Record<string, unknown> {
    const ref = typeof resource.attributes.provider === 'string' ? resource.attributes.provider : undefined;
    const alias = ref?.startsWith('aws.') ? ref.slice(4) : undefined;
    const blocksOfAws = this.providers.aws ?? [];
    const provider = blocksOfAws.find((p) => (alias ? p.alias === alias : p.alias === undefined));
    const tags: Record<string, unknown> = {};
    for (const b of blocks(provider?.default_tags)) Object.assign(tags, b.tags ?? {});
    return tags;
  }

  /** Provider default_tags merged with the resource's own tags (own tags win); a plan's `tags_all` counts too. */
  public effectiveTags(resource: PolicyResource): Record<string, unknown> {
    const own = resource.attributes.tags;
    const all = resource.attributes.tags_all;
    const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
    return { ...this.defaultTags(resource), ...obj(all), ...obj(own) };
  }

  /** The data class a resource is labelled with (tag `DataClassification`), if any. */
  public dataClass(resource: PolicyResource): string | undefined {
    const v = this.effectiveTags(resource)[DATA_CLASS_TAG];
    return typeof v === 'string' && !isToken(v) ? v : undefined;
  }

  /** True when the resource holds pii, financial, health or restricted data. */
  public isSensitive(resource: PolicyResource): boolean {
    const c = this.dataClass(resource);
    return c !== undefined && (SENSITIVE_DATA_CLASSES as readonly string[]).includes(c);
  }

  /**
   * A policy document from an attribute value: a JSON string, an object, or a reference to a
   * `data.aws_iam_policy_document`. Undefined when it cannot be read at synth (for example an
   * unresolved `${jsonencode(...)}` expression).
   */
  public policyDocument(value: unknown): PolicyDocument | undefined {
    if (typeof value === 'string') {
      const m = /^\$\{data\.aws_iam_policy_document\.([a-zA-Z0-9_-]+)\.json\}$/.exec(value.trim());
      if (m) {
        const ds = this.byAddress.get(`data.aws_iam_policy_document.${m[1]}`);
        return ds ? parsePolicyDocument(ds.attributes, true) : undefined;
      }
    }
    return parsePolicyDocument(value, false);
  }
}

function flatten(section: TerraformJson['resource'], prefix: string): PolicyResource[] {
  const out: PolicyResource[] = [];
  for (const type of Object.keys(section ?? {}).sort()) {
    const byName = section![type];
    for (const name of Object.keys(byName).sort()) {
      const attributes = byName[name];
      const comment = attributes['//'];
      const meta = comment?.metadata;
      const address = typeof comment?.address === 'string' ? comment.address : `${prefix}${type}.${name}`;
      out.push({ type, name, address, attributes, constructPath: typeof meta?.path === 'string' ? meta.path : undefined });
    }
  }
  return out;
}
