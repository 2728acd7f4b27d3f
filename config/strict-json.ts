import { parse as parseJsonAst } from '@humanwhocodes/momoa';
import type { AnyNode } from '@humanwhocodes/momoa';
import { ValidationIssue } from '@rampart/core';
import { CONFIG_LIMITS } from './limits';

/**
 * Parses a JSON config file strictly: a UTF-8 byte order mark is accepted; a duplicate key, a
 * file over the size limit or nesting deeper than the depth limit is an issue, never a silent
 * last-one-wins or a stack overflow. Objects are built with own properties only, so a key named
 * `__proto__` cannot change a prototype (the schema then reports it as an unknown field).
 *
 * Returns the value, or the issues found (codes CONFIG_SIZE, CONFIG_DEPTH, JSON_SYNTAX, DUPLICATE_KEY).
 */
export function parseStrictJson(text: string, file = '(config file)'): { value?: unknown; issues: ValidationIssue[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > CONFIG_LIMITS.maxBytes) {
    return { issues: [{ code: 'CONFIG_SIZE', path: file, value: `${bytes} bytes`, rule: `must be at most ${CONFIG_LIMITS.maxBytes} bytes` }] };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Depth is checked before the parser recurses, so deep nesting cannot overflow its stack.
  const depth = nestingDepth(body);
  if (depth.max > CONFIG_LIMITS.maxDepth) {
    return { issues: [{ code: 'CONFIG_DEPTH', path: file, value: `depth ${depth.max} at line ${depth.line}`, rule: `objects and arrays may nest at most ${CONFIG_LIMITS.maxDepth} deep` }] };
  }
  let ast;
  try {
    ast = parseJsonAst(body, { mode: 'json', ranges: false, tokens: false });
  } catch (e) {
    return { issues: [{ code: 'JSON_SYNTAX', path: file, value: firstLine((e as Error).message), rule: 'must be valid JSON (no comments, no trailing commas)' }] };
  }
  const issues: ValidationIssue[] = [];
  const value = toValue(ast.body, '', issues);
  return issues.length > 0 ? { issues } : { value, issues };
}

function toValue(node: AnyNode, path: string, issues: ValidationIssue[]): unknown {
  switch (node.type) {
    case 'Object': {
      const out: Record<string, unknown> = {};
      const seen = new Map<string, number>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        const at = joinKey(path, key);
        const line = member.loc.start.line;
        if (seen.has(key)) {
          issues.push({ code: 'DUPLICATE_KEY', path: at, value: key, rule: `is given twice (lines ${seen.get(key)} and ${line}); JSON parsers disagree on which wins, so neither is taken` });
          continue;
        }
        seen.set(key, line);
        Object.defineProperty(out, key, { value: toValue(member.value, at, issues), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'Array':
      return node.elements.map((el, i) => toValue(el.value, `${path}[${i}]`, issues));
    case 'String':
    case 'Number':
    case 'Boolean':
      return node.value;
    case 'Null':
      return null;
    default:
      return undefined;
  }
}

function joinKey(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Deepest nesting of `{`/`[` outside strings, and the line where it is reached. */
function nestingDepth(text: string): { max: number; line: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let maxLine = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        maxLine = line;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return { max, line: maxLine };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
