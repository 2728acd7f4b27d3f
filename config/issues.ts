import { ValidationIssue, validateName } from '@rampart/core';
import { CONFIG_LIMITS } from './limits';

/** A path inside the config, as keys and list indexes. */
export type Segments = readonly (string | number)[];

/** One problem found at a path, before the path is written out. */
export interface ConfigProblem {
  readonly code: string;
  readonly at: Segments;
  readonly value: unknown;
  readonly rule: string;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/**
 * Writes a path the way every Rampart error does: `environments.prod.network.vpnCidrs[0]`.
 * An environment is named by its `name` when that is a valid name, else by its index. A key that
 * is not a plain word is quoted, escaped and cut short, so that a hostile key keeps the message on
 * one short line.
 */
export function formatPath(at: Segments, raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  at.forEach((seg, i) => {
    const parent = node;
    node = isRecord(parent) || Array.isArray(parent) ? (Object.prototype.hasOwnProperty.call(parent, seg) ? (parent as Record<string | number, unknown>)[seg] : undefined) : undefined;
    if (typeof seg === 'number') {
      const name = i === 1 && at[0] === 'environments' && isRecord(node) ? environmentName(node) : undefined;
      out += name ? `.${name}` : `[${seg}]`;
      return;
    }
    const key = PLAIN_KEY.test(seg) && seg.length <= 64 ? seg : `[${JSON.stringify(shorten(seg, 40))}]`;
    out += out === '' || key.startsWith('[') ? key : `.${key}`;
  });
  return out === '' ? '(config)' : out;
}

/** The name an environment is called by in paths, when it is a usable name. */
export function environmentName(env: Record<string, unknown>): string | undefined {
  const name = Object.prototype.hasOwnProperty.call(env, 'name') ? env.name : undefined;
  return typeof name === 'string' && !validateName('', name, { maxLength: 16 }) && !(name in Object.prototype) ? name : undefined;
}

/** Turns problems into the typed issues of `@rampart/core`, paths written out. */
export function toIssues(problems: readonly ConfigProblem[], raw: unknown): ValidationIssue[] {
  return problems.map((p) => ({ code: p.code, path: formatPath(p.at, raw), value: p.value, rule: p.rule }));
}

/**
 * The received value as shown in a message: strings and large values cut to about 80 characters,
 * so that one problem is one line (the value's own characters are escaped by JSON rendering).
 */
export function displayValue(value: unknown): unknown {
  if (typeof value === 'string') return shorten(value, CONFIG_LIMITS.maxValueChars);
  if (typeof value !== 'object' || value === null) return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return Array.isArray(value) ? '[list]' : '[object]';
  return text.length > CONFIG_LIMITS.maxValueChars ? `${text.slice(0, CONFIG_LIMITS.maxValueChars - 3)}...` : value;
}

/**
 * Cuts a string to `max` characters (marking the cut). Characters that JSON rendering leaves as
 * they are but that break or disguise a line (line and paragraph separators, bidi controls,
 * C1 controls, the byte order mark) are shown as `<U+XXXX>`.
 */
export function shorten(s: string, max: number): string {
  const cut = s.length > max ? `${s.slice(0, max - 3)}...` : s;
  return cut.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The known key closest to `key`, when it is close enough to be a likely typo. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
