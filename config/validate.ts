import { z } from 'zod';
import { ValidationIssue } from '@rampart/core';
import { ConfigProblem, Segments, didYouMean, isRecord, toIssues } from './issues';
import { literalOnly } from './literal';
import { crossFieldProblems } from './rules';
import { RampartConfigSchema } from './schema';
import { RampartConfig } from './types';

/** The outcome of checking a config: the typed config, or every problem found. */
export type ConfigCheck = { readonly ok: true; readonly config: RampartConfig } | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * Checks a config value in three passes and never throws:
 * 1. literal-only: no cdktf tokens, Terraform template sequences, control characters or
 *    prototype keys anywhere (policy variables in policy documents are escaped to `$${`);
 * 2. the schema: types, formats, ranges, unknown keys (with a "did you mean" hint);
 * 3. the rules across fields, once every field is valid on its own.
 * On success the config returned is the checked copy (escaped policy documents included).
 */
export function checkConfig(raw: unknown): ConfigCheck {
  try {
    const literal = literalOnly(raw);
    const reported = literal.problems.map((p) => p.at);
    const parsed = RampartConfigSchema.safeParse(literal.value, { reportInput: true });
    const schemaProblems = parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZod(i, literal.value)).filter((p) => !reported.some((r) => startsWith(p.at, r)));
    const problems: ConfigProblem[] = [...literal.problems, ...schemaProblems];
    if (problems.length === 0 && parsed.success) problems.push(...crossFieldProblems(parsed.data as unknown as RampartConfig));
    if (problems.length > 0) return { ok: false, issues: toIssues(problems, literal.value) };
    return { ok: true, config: parsed.data as unknown as RampartConfig };
  } catch (e) {
    // A rule that trips over a value it should have been protected from is still a typed error.
    return { ok: false, issues: [{ code: 'INTERNAL', path: '(config)', value: (e as Error)?.message ?? String(e), rule: 'could not be checked; please report this config' }] };
  }
}

/** Every problem of a config, as typed issues (empty when it is valid). */
export function validateConfig(raw: unknown): ValidationIssue[] {
  const result = checkConfig(raw);
  return result.ok ? [] : result.issues;
}

function fromZod(issue: z.core.$ZodIssue, root: unknown): ConfigProblem[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const input = 'input' in issue ? issue.input : valueAt(root, at);
  switch (issue.code) {
    case 'custom': {
      const code = (issue.params as { code?: string } | undefined)?.code ?? 'INVALID';
      return [{ code, at, value: input, rule: issue.message }];
    }
    case 'invalid_type':
      if (issue.expected === 'int' && typeof input === 'number') return [{ code: 'OUT_OF_RANGE', at, value: input, rule: rangeRule(at, root) ?? 'must be an integer' }];
      if (input === undefined) return [{ code: 'REQUIRED', at, value: undefined, rule: `is required (${expected(issue.expected)})` }];
      return [{ code: 'TYPE', at, value: input, rule: `must be ${expected(issue.expected)}${input === null ? ', not null' : Array.isArray(input) ? ', not a list' : ''}` }];
    case 'unrecognized_keys': {
      const known = knownKeys(at, root);
      const node = valueAt(root, at) as Record<string, unknown> | undefined;
      return issue.keys.map((key) => {
        const hint = didYouMean(key, known);
        return {
          code: 'UNKNOWN_FIELD',
          at: [...at, key],
          value: node?.[key],
          rule: hint ? `is not a known field; did you mean "${hint}"?` : `is not a known field (known: ${known.join(', ')})`,
        };
      });
    }
    case 'invalid_value':
      return [{ code: 'ENUM', at, value: input, rule: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'array') {
        const min = (issue as { minimum?: number }).minimum;
        return [
          {
            code: issue.code === 'too_small' && min === 1 ? 'REQUIRED' : 'OUT_OF_RANGE',
            at,
            value: input,
            rule: issue.code === 'too_small' ? `must list at least ${String(min)}` : `must list at most ${String((issue as { maximum?: number }).maximum)}`,
          },
        ];
      }
      return [{ code: 'OUT_OF_RANGE', at, value: input, rule: rangeRule(at, root) ?? issue.message }];
    }
    case 'not_multiple_of':
    case 'invalid_format':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    default:
      return [{ code: 'INVALID', at, value: input, rule: issue.message }];
  }
}

function expected(type: string): string {
  return { string: 'a string', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', record: 'an object', int: 'an integer' }[type] ?? type;
}

/** "must be an integer from min to max", read from the schema at the path. */
function rangeRule(at: Segments, root: unknown): string | undefined {
  const schema = schemaAt(at, root) as { minValue?: number | null; maxValue?: number | null; isInt?: boolean } | undefined;
  if (!schema || typeof schema.minValue !== 'number' || typeof schema.maxValue !== 'number') return undefined;
  return `must be ${schema.isInt ? 'an integer' : 'a number'} from ${schema.minValue} to ${schema.maxValue}`;
}

/** The keys a strict object at `at` accepts. */
function knownKeys(at: Segments, root: unknown): string[] {
  const schema = schemaAt(at, root) as { shape?: Record<string, unknown> } | undefined;
  return schema?.shape ? Object.keys(schema.shape) : [];
}

/** The schema that checks the value at `at`. */
export function schemaAt(at: Segments, _root?: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = RampartConfigSchema;
  for (const seg of at) {
    s = unwrap(s);
    if (!s) return undefined;
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };
    if (def.type === 'object' && typeof seg === 'string') s = Object.prototype.hasOwnProperty.call(def.shape, seg) ? def.shape![seg] : undefined;
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
  }
  return unwrap(s);
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  while (cur && (cur._zod.def.type === 'optional' || cur._zod.def.type === 'nullable' || cur._zod.def.type === 'default')) {
    cur = (cur._zod.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return cur;
}

function valueAt(root: unknown, at: Segments): unknown {
  let node = root;
  for (const seg of at) {
    if (!(isRecord(node) || Array.isArray(node)) || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function startsWith(at: Segments, prefix: Segments): boolean {
  return prefix.length <= at.length && prefix.every((s, i) => s === at[i]);
}
