import { TerraformJson } from './context';

/**
 * Input that is not Terraform JSON (or a `terraform show -json` plan). Names the file and the JSON
 * path (`$.resource.aws_s3_bucket.logs`) of the first problem. The CLI exits 2 on it.
 */
export class PolicyInputError extends Error {
  constructor(
    public readonly file: string,
    public readonly jsonPath: string,
    public readonly problem: string,
  ) {
    super(`${file} at ${jsonPath}: ${problem}`);
    this.name = 'PolicyInputError';
  }
}

/** Top-level keys the Terraform JSON syntax allows. */
const TOP_LEVEL = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'ephemeral', 'variable', 'output', 'locals', 'module', 'moved', 'import', 'check', 'removed']);

type Obj = Record<string, any>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : typeof v;
}

function key(path: string, k: string | number): string {
  return typeof k === 'number' ? `${path}[${k}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

/**
 * Terraform JSON lets any block (and any level of labels) be written as an object or as an array
 * of objects whose members are merged. Returns the merged object; `null` counts as empty.
 */
function merged(value: unknown, file: string, path: string): Obj {
  if (value === null || value === undefined) return {};
  if (isObject(value)) return value;
  if (Array.isArray(value)) {
    const out: Obj = {};
    value.forEach((item, i) => {
      if (item === null) return;
      if (!isObject(item)) throw new PolicyInputError(file, key(path, i), `expected an object, got ${kind(item)}`);
      Object.assign(out, item);
    });
    return out;
  }
  throw new PolicyInputError(file, path, `expected an object or an array of objects, got ${kind(value)}`);
}

/** A block body: one object, or an array holding objects (merged); null is an empty body. */
function body(value: unknown, file: string, path: string): Obj {
  return clean(merged(value, file, path));
}

/**
 * Inside a body: attributes set to `null` are unset (dropped), `null` members of lists are dropped,
 * recursively. Nested blocks keep their shape (object or array of objects); rules read them through
 * `block()` / `blocks()`, which accept both.
 */
function clean(value: any): any {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(clean);
  if (isObject(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = k === '//' ? v : clean(v);
    return out;
  }
  return value;
}

/** `{type: {name: body}}` in any of its shapes, as `{type: {name: body}}` with object bodies. */
function labelled(value: unknown, file: string, path: string): Record<string, Record<string, Obj>> {
  const out: Record<string, Record<string, Obj>> = {};
  for (const [type, byName] of Object.entries(merged(value, file, path))) {
    const names = merged(byName, file, key(path, type));
    const bodies: Record<string, Obj> = {};
    for (const [name, b] of Object.entries(names)) {
      if (Array.isArray(b) && b.filter((x) => x !== null).length > 1) {
        throw new PolicyInputError(file, key(key(path, type), name), 'declared more than once (an array with several bodies)');
      }
      bodies[name] = body(b, file, key(key(path, type), name));
    }
    out[type] = bodies;
  }
  return out;
}

function providers(value: unknown, file: string): Record<string, Obj[]> {
  const out: Record<string, Obj[]> = {};
  const add = (name: string, v: unknown, path: string): void => {
    const list = out[name] ?? (out[name] = []);
    if (Array.isArray(v)) v.forEach((b, i) => b !== null && list.push(body(b, file, key(path, i))));
    else if (v !== null && v !== undefined) list.push(body(v, file, path));
  };
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      if (entry === null) return;
      if (!isObject(entry)) throw new PolicyInputError(file, `$.provider[${i}]`, `expected an object, got ${kind(entry)}`);
      for (const [name, v] of Object.entries(entry)) add(name, v, key(`$.provider[${i}]`, name));
    });
  } else {
    for (const [name, v] of Object.entries(merged(value, file, '$.provider'))) add(name, v, key('$.provider', name));
  }
  return out;
}

function terraformBlock(value: unknown, file: string): Obj {
  const tf = merged(value, file, '$.terraform');
  const out: Obj = { ...tf };
  if (tf.backend !== undefined) {
    const backends: Obj = {};
    for (const [k, v] of Object.entries(merged(tf.backend, file, '$.terraform.backend'))) backends[k] = body(v, file, key('$.terraform.backend', k));
    out.backend = backends;
  }
  if (tf.cloud !== undefined) {
    if (tf.cloud === null) delete out.cloud;
    else out.cloud = body(tf.cloud, file, '$.terraform.cloud');
  }
  return out;
}

/**
 * Brings any valid Terraform JSON into the one shape rules read: `terraform` one object with
 * `backend` as `{kind: body}`; `provider` as `{name: [body, ...]}`; `resource` and `data` as
 * `{type: {name: body}}` with object bodies; `null` attributes and `null` list members dropped.
 * Throws {@link PolicyInputError} for anything else, naming the file and the JSON path.
 */
export function normalizeTerraformJson(raw: unknown, file = '<input>'): TerraformJson {
  if (!isObject(raw)) throw new PolicyInputError(file, '$', `expected a Terraform JSON object, got ${kind(raw)}`);
  for (const k of Object.keys(raw)) {
    if (!TOP_LEVEL.has(k)) throw new PolicyInputError(file, key('$', k), `not a Terraform JSON top-level key (expected one of ${[...TOP_LEVEL].join(', ')})`);
  }
  const out: Obj = {};
  if (raw['//'] !== undefined) out['//'] = raw['//'];
  if (raw.terraform !== undefined) out.terraform = terraformBlock(raw.terraform, file);
  if (raw.provider !== undefined) out.provider = providers(raw.provider, file);
  if (raw.resource !== undefined) out.resource = labelled(raw.resource, file, '$.resource');
  if (raw.data !== undefined) out.data = labelled(raw.data, file, '$.data');
  return out as TerraformJson;
}

/** True for the JSON of `terraform show -json <plan>` (or of a state). */
export function isPlanJson(raw: unknown): boolean {
  return isObject(raw) && typeof raw.format_version === 'string' && (raw.planned_values !== undefined || raw.resource_changes !== undefined || raw.values !== undefined);
}

/** An expression of the plan's `configuration` section, as Terraform JSON would write it. */
function expressionValue(e: unknown): unknown {
  if (Array.isArray(e)) return e.map((b) => (isObject(b) ? expressionsToBody(b) : b));
  if (!isObject(e)) return undefined;
  if ('constant_value' in e) return e.constant_value;
  if (Array.isArray(e.references) && e.references.length > 0) {
    // The most specific reference first: `aws_s3_bucket.x.id` before `aws_s3_bucket.x`.
    const refs = (e.references as string[]).slice().sort((a, b) => b.length - a.length);
    return `\${${refs[0]}}`;
  }
  return undefined;
}

function expressionsToBody(expressions: Obj): Obj {
  const out: Obj = {};
  for (const [k, e] of Object.entries(expressions)) {
    const v = expressionValue(e);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

interface PlanModule {
  resources?: Array<Obj>;
  child_modules?: PlanModule[];
  module_calls?: Record<string, { module?: PlanModule }>;
}

function configResources(mod: PlanModule | undefined, prefix: string, into: Map<string, Obj>): void {
  if (!mod) return;
  for (const r of mod.resources ?? []) if (typeof r.address === 'string') into.set(`${prefix}${r.address}`, r);
  for (const [name, call] of Object.entries(mod.module_calls ?? {})) configResources(call.module, `${prefix}module.${name}.`, into);
}

function valueResources(mod: PlanModule | undefined, into: Obj[]): void {
  if (!mod) return;
  for (const r of mod.resources ?? []) into.push(r);
  for (const c of mod.child_modules ?? []) valueResources(c, into);
}

/** The configuration address of an instance address: `module.a[0].aws_s3_bucket.x["k"]` -> `module.a.aws_s3_bucket.x`. */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/**
 * Converts the JSON of `terraform show -json <plan>` into Terraform JSON of resolved values, so the
 * same rules run after `terraform plan`. Resources come from `resource_changes` (their planned
 * `after` values; deletions are left out) and from `planned_values` for any not listed there.
 * Values known only after apply are replaced by a `${reference}` to what the configuration says
 * they come from, so rules can still follow references. Providers come from the configuration.
 * A plan carries no backend, so backend rules do not apply to it.
 */
export function planToTerraformJson(plan: unknown, file = '<plan>'): TerraformJson {
  if (!isObject(plan)) throw new PolicyInputError(file, '$', `expected a plan JSON object, got ${kind(plan)}`);
  const config = new Map<string, Obj>();
  configResources(plan.configuration?.root_module, '', config);
  const resource: Record<string, Record<string, Obj>> = {};
  const data: Record<string, Record<string, Obj>> = {};
  const seen = new Set<string>();
  const add = (r: Obj, values: unknown, unknown: unknown, path: string): void => {
    if (typeof r.address !== 'string' || typeof r.type !== 'string') throw new PolicyInputError(file, path, 'a resource needs a string address and type');
    if (seen.has(r.address)) return;
    seen.add(r.address);
    if (values !== null && values !== undefined && !isObject(values)) throw new PolicyInputError(file, key(path, 'values'), `expected an object, got ${kind(values)}`);
    const attrs: Obj = clean({ ...(values ?? {}) });
    const cfg = config.get(configAddress(r.address));
    const expressions = isObject(cfg?.expressions) ? (cfg!.expressions as Obj) : {};
    for (const [k, e] of Object.entries(expressions)) {
      const isUnknown = isObject(unknown) && unknown[k] === true;
      if (attrs[k] === undefined || isUnknown) {
        const v = expressionValue(e);
        if (v !== undefined) attrs[k] = v;
      }
    }
    // Root resources keep their name (`x`, `x[0]`, `x["k"]`); module resources are named by their full address.
    const local = r.mode === 'data' ? `data.${r.type}.` : `${r.type}.`;
    const name = r.address.startsWith(local) ? r.address.slice(local.length) : r.address;
    attrs['//'] = { ...(isObject(attrs['//']) ? attrs['//'] : {}), address: r.address };
    const section = r.mode === 'data' ? data : resource;
    (section[r.type] ??= {})[name] = attrs;
  };
  const changes = plan.resource_changes;
  if (changes !== undefined && !Array.isArray(changes)) throw new PolicyInputError(file, '$.resource_changes', `expected an array, got ${kind(changes)}`);
  (changes ?? []).forEach((c: unknown, i: number) => {
    const path = `$.resource_changes[${i}]`;
    if (!isObject(c)) throw new PolicyInputError(file, path, `expected an object, got ${kind(c)}`);
    const actions: unknown = c.change?.actions;
    if (Array.isArray(actions) && actions.length === 1 && actions[0] === 'delete') {
      seen.add(String(c.address));
      return;
    }
    add(c, c.change?.after, c.change?.after_unknown, path);
  });
  const fromValues: Obj[] = [];
  valueResources(plan.planned_values?.root_module ?? plan.values?.root_module, fromValues);
  fromValues.forEach((r, i) => add(r, r.values, undefined, `$.planned_values.root_module.resources[${i}]`));

  const provider: Record<string, Obj[]> = {};
  for (const [k, p] of Object.entries(isObject(plan.configuration?.provider_config) ? plan.configuration.provider_config : {})) {
    const pc = p as Obj;
    if (typeof pc.module_address === 'string') continue;
    const name = typeof pc.name === 'string' ? pc.name : k.split('.')[0];
    const b = expressionsToBody(isObject(pc.expressions) ? pc.expressions : {});
    if (typeof pc.alias === 'string') b.alias = pc.alias;
    (provider[name] ??= []).push(b);
  }
  return { '//': { source: 'plan' }, provider, resource, data } as unknown as TerraformJson;
}

/**
 * Any policy input: Terraform JSON in any of its shapes, or the JSON of `terraform show -json`.
 * Throws {@link PolicyInputError} naming the file and JSON path for anything else.
 */
export function readPolicyInput(raw: unknown, file = '<input>'): TerraformJson {
  return isPlanJson(raw) ? planToTerraformJson(raw, file) : normalizeTerraformJson(raw, file);
}

/** Items of a list attribute: the list without nulls, an expression as its one (unknown) item, nothing for null. */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined);
  if (value === null || value === undefined) return [];
  return [value];
}
