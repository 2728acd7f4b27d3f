import { DATA_CLASS_TAG, SENSITIVE_DATA_CLASSES } from '@rampart/core';
import { PolicyDocument, parsePolicyDocument } from './policy-document';
import { PolicyResource } from './types';

/** Terraform JSON of one stack, as in cdk.tf.json. */
export interface TerraformJson {
  readonly '//'?: { metadata?: { path?: string; stackName?: string } };
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
}

const REF = /\$\{([a-zA-Z0-9_]+)\.([a-zA-Z0-9_-]+)(?:\.([a-zA-Z0-9_.\[\]*"]+))?\}/g;
const DATA_REF = /\$\{data\.([a-zA-Z0-9_]+)\.([a-zA-Z0-9_-]+)(?:\.([a-zA-Z0-9_.\[\]*"]+))?\}/g;

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
  public readonly resources: readonly PolicyResource[];
  public readonly dataSources: readonly PolicyResource[];
  public readonly terraform: Record<string, any>;
  public readonly providers: Record<string, Array<Record<string, any>>>;
  private readonly byAddress = new Map<string, PolicyResource>();
  private readonly byType = new Map<string, PolicyResource[]>();

  constructor(json: TerraformJson, facts: StackFacts) {
    this.stackName = facts.stackName;
    this.production = facts.production;
    this.stateBootstrap = facts.stateBootstrap ?? false;
    this.terraform = json.terraform ?? {};
    this.providers = json.provider ?? {};
    this.resources = flatten(json.resource, '');
    this.dataSources = flatten(json.data, 'data.');
    for (const r of [...this.resources, ...this.dataSources]) {
      this.byAddress.set(r.address, r);
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
    return (this.byType.get(type) ?? []).filter((r) => !r.address.startsWith('data.'));
  }

  /** Every resource a string value references through `${type.name...}` tokens. */
  public referencedResources(value: unknown): PolicyResource[] {
    if (typeof value !== 'string') return [];
    const out: PolicyResource[] = [];
    for (const m of value.matchAll(DATA_REF)) {
      const r = this.byAddress.get(`data.${m[1]}.${m[2]}`);
      if (r) out.push(r);
    }
    for (const m of value.matchAll(REF)) {
      if (m[1] === 'data') continue;
      const r = this.byAddress.get(`${m[1]}.${m[2]}`);
      if (r) out.push(r);
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

  /** Provider default_tags merged with the resource's own tags (own tags win). */
  public effectiveTags(resource: PolicyResource): Record<string, unknown> {
    const own = resource.attributes.tags;
    return { ...this.defaultTags(resource), ...(own && typeof own === 'object' ? own : {}) };
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
      const meta = attributes['//']?.metadata;
      out.push({ type, name, address: `${prefix}${type}.${name}`, attributes, constructPath: typeof meta?.path === 'string' ? meta.path : undefined });
    }
  }
  return out;
}
