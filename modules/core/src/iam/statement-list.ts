import { RampartValidationError } from '../errors';
import { PolicyConditions, PolicyStatement } from './policy-document';

function values(v: string | readonly string[]): string[] {
  return typeof v === 'string' ? [v] : [...v];
}

function sameKeys(a: object, b: object): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** The union of two condition blocks with the same operators and keys; undefined when their shapes differ. */
function unionConditions(a: PolicyConditions, b: PolicyConditions): PolicyConditions | undefined {
  if (!sameKeys(a, b)) return undefined;
  const out: Record<string, Record<string, string | readonly string[]>> = {};
  for (const op of Object.keys(a)) {
    if (!sameKeys(a[op], b[op])) return undefined;
    out[op] = {};
    for (const key of Object.keys(a[op])) {
      const merged = [...new Set([...values(a[op][key]), ...values(b[op][key])])];
      out[op][key] = merged.length === 1 ? merged[0] : merged;
    }
  }
  return out;
}

/**
 * The statements of one resource policy (a key policy), built up by the resources that use it.
 * Adding is idempotent: an equal statement is kept once, and a statement that differs from one
 * with the same `Sid` only in its condition values widens that statement (the values are
 * unioned). Any other `Sid` clash throws a `DUPLICATE` error.
 */
export class PolicyStatementList {
  private readonly items: PolicyStatement[];

  constructor(initial: readonly PolicyStatement[] = []) {
    this.items = [...initial];
  }

  /** The statements, in the order they were first added. */
  public get statements(): readonly PolicyStatement[] {
    return [...this.items];
  }

  /** True when a statement with this `Sid` is present. */
  public has(sid: string): boolean {
    return this.items.some((s) => s.Sid === sid);
  }

  /** Adds (or merges) one statement; returns false when an equal statement was already there. */
  public add(statement: PolicyStatement, path = 'statement'): boolean {
    const rendered = JSON.stringify(statement);
    if (this.items.some((s) => JSON.stringify(s) === rendered)) return false;
    const index = statement.Sid === undefined ? -1 : this.items.findIndex((s) => s.Sid === statement.Sid);
    if (index < 0) {
      this.items.push(statement);
      return true;
    }
    const existing = this.items[index];
    const { Condition: a, ...restA } = existing;
    const { Condition: b, ...restB } = statement;
    const merged = a && b && JSON.stringify(restA) === JSON.stringify(restB) ? unionConditions(a, b) : undefined;
    if (!merged) {
      throw new RampartValidationError({
        code: 'DUPLICATE',
        path: `${path}.Sid`,
        value: statement.Sid,
        rule: 'statement ids must be unique within the policy (a statement with this Sid and another effect, principal, action, resource or condition shape is already there)',
      });
    }
    this.items[index] = { ...existing, Condition: merged };
    return true;
  }
}
