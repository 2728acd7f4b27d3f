import { Token } from 'cdktf';
import { ConfigProblem, Segments, isRecord } from './issues';
import { CONFIG_LIMITS } from './limits';

/**
 * Where config holds IAM policy documents. Their strings may carry policy variables such as
 * `${aws:PrincipalTag/team}`; there `${` is escaped to Terraform's literal `$${` instead of refused.
 * `*` matches any key, `#` any list index. Add a pattern here when a new field holds a policy document.
 */
export const POLICY_DOCUMENT_PATHS: readonly (readonly string[])[] = [['environments', '#', 'network', 'endpointPolicies', '*']];

/** Keys that would reach an object's prototype machinery. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ANYWHERE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const TOKEN_SHAPE = /TfToken\[|\$\{Token\[|#\{TfToken/;

/**
 * Checks that every string and key in a config is plain literal text, and returns a copy in
 * which the policy variables of policy documents are escaped for Terraform. Refused anywhere:
 * - a cdktf token (`${TfToken[...]}`, or a number that encodes one): it would be resolved as an
 *   internal reference and skip every check;
 * - a Terraform template sequence `${` or `%{` outside policy documents (Terraform would evaluate
 *   it at plan time: `${file("~/.aws/credentials")}`), and `%{` everywhere;
 * - control characters, NUL, line and paragraph separators and bidi overrides (tab and newline are
 *   allowed inside policy documents only);
 * - keys `__proto__`, `constructor`, `prototype`;
 * - strings longer than the limit, and nesting deeper than the limit.
 * Never throws.
 */
export function literalOnly(raw: unknown): { value: unknown; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const value = walk(raw, [], false, problems);
  return { value, problems };
}

function walk(node: unknown, at: Segments, inPolicy: boolean, problems: ConfigProblem[]): unknown {
  if (at.length > CONFIG_LIMITS.maxDepth) {
    problems.push({ code: 'CONFIG_DEPTH', at, value: '(nested value)', rule: `objects and lists may nest at most ${CONFIG_LIMITS.maxDepth} deep` });
    return undefined;
  }
  const policy = inPolicy || isPolicyPath(at);
  if (typeof node === 'string') return literalString(node, at, policy, problems);
  if (typeof node === 'number') {
    if (Token.isUnresolved(node)) problems.push({ code: 'TOKEN', at, value: node, rule: 'must be a literal number, not a cdktf token' });
    return node;
  }
  if (typeof node === 'function' || typeof node === 'symbol' || typeof node === 'bigint') {
    problems.push({ code: 'TYPE', at, value: String(typeof node), rule: 'must be JSON data (string, number, boolean, null, list or object)' });
    return undefined;
  }
  if (Array.isArray(node)) return node.map((el, i) => walk(el, [...at, i], policy, problems));
  if (isRecord(node)) {
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) {
      problems.push({ code: 'TYPE', at, value: '(object)', rule: 'must be a plain JSON object' });
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      const keyAt = [...at, key];
      if (PROTOTYPE_KEYS.has(key)) {
        problems.push({ code: 'PROTOTYPE_KEY', at: keyAt, value: key, rule: 'is a reserved object key and is never read from config' });
        continue;
      }
      const before = problems.length;
      const safeKey = literalString(key, keyAt, policy, problems);
      if (problems.length > before) continue;
      const v = walk(node[key], keyAt, policy, problems);
      Object.defineProperty(out, safeKey, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return node;
}

function literalString(s: string, at: Segments, policy: boolean, problems: ConfigProblem[]): string {
  if (s.length > CONFIG_LIMITS.maxStringLength) {
    problems.push({ code: 'STRING_LENGTH', at, value: s, rule: `must be at most ${CONFIG_LIMITS.maxStringLength} characters` });
    return s;
  }
  if (Token.isUnresolved(s) || TOKEN_SHAPE.test(s)) {
    problems.push({ code: 'TOKEN', at, value: s, rule: 'must be literal text: a cdktf token would be resolved as an internal reference' });
    return s;
  }
  if ((policy ? CONTROL : CONTROL_ANYWHERE).test(s)) {
    problems.push({ code: 'CONTROL_CHARACTER', at, value: s, rule: 'must not contain control characters, NUL, line separators or bidi overrides' });
    return s;
  }
  if (s.includes('%{')) {
    problems.push({ code: 'TEMPLATE_SEQUENCE', at, value: s, rule: 'must not contain "%{": Terraform would run it as a template directive' });
    return s;
  }
  if (s.includes('${')) {
    if (policy) return s.replace(/\$\{/g, () => '$${');
    problems.push({ code: 'TEMPLATE_SEQUENCE', at, value: s, rule: 'must not contain "${": Terraform would evaluate it as an expression (policy variables belong in policy documents only)' });
  }
  return s;
}

function isPolicyPath(at: Segments): boolean {
  return POLICY_DOCUMENT_PATHS.some(
    (pattern) => pattern.length === at.length && pattern.every((p, i) => (p === '*' ? typeof at[i] === 'string' : p === '#' ? typeof at[i] === 'number' : p === at[i])),
  );
}
