import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { RampartValidationErrors } from '@rampart/core';
import { loadConfig } from '../../config/load';
import { config as sample } from '../../config/rampart.config';
import { checkConfig } from '../../config/validate';
import { main } from '../../src/main';
import { tempDir } from '../helpers/synth';

/**
 * GIVEN the good sample config mutated at random (wrong types, `${`, tokens, deep nesting, huge
 * values, prototype keys) WHEN it is checked or loaded THEN nothing but the typed error is ever
 * thrown, and an invalid config never writes output.
 */

type Json = unknown;
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '${file("/etc/passwd")}',
    '%{ if true }x%{ endif }',
    '${TfToken[TOKEN.1]}',
    '#{TfToken[TOKEN.2]}',
    'a\u0000b',
    '\u202e',
    '__proto__',
    'constructor',
    '10.0.0.0/8',
    'arn:aws-cn:iam::333333333333:role/x',
  ),
  fc.integer({ min: 1, max: 50_000 }).map((n) => 'x'.repeat(n)),
);
const deep = fc.integer({ min: 30, max: 3000 }).map((n) => {
  let v: Json = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, NaN, Number.MAX_SAFE_INTEGER, -1.8881545897087626e289),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  deep,
);

/** Every path to a value of the sample, so that a mutation can hit any field. */
function paths(node: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(node)) node.forEach((v, i) => paths(v, [...at, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...at, k], out);
  return out;
}
const samplePaths = paths(JSON.parse(JSON.stringify(sample)));

const mutation = fc.record({
  at: fc.constantFrom(...samplePaths),
  how: fc.constantFrom('replace', 'delete', 'addKey', 'protoKey'),
  key: hostileString,
  value: hostileValue,
});

function apply(config: Record<string, unknown>, m: { at: (string | number)[]; how: string; key: string; value: Json }): Json {
  if (m.at.length === 0) return m.how === 'replace' ? m.value : config;
  let parent: any = config;
  for (const seg of m.at.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return config;
    parent = parent[seg];
  }
  if (!parent || typeof parent !== 'object') return config;
  const last = m.at[m.at.length - 1];
  if (m.how === 'replace') parent[last] = m.value;
  else if (m.how === 'delete') delete parent[last];
  else if (parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    Object.defineProperty(parent[last], m.how === 'protoKey' ? '__proto__' : m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  } else parent[last] = m.value;
  return config;
}

describe('the loader under random mutation', () => {
  test('checkConfig never throws and reports typed issues for 2,500 mutated configs', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let config: Json = JSON.parse(JSON.stringify(sample));
        for (const m of mutations) config = config && typeof config === 'object' && !Array.isArray(config) ? apply(config as Record<string, unknown>, m) : config;
        const result = checkConfig(config);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.code).not.toBe('INTERNAL');
            expect(typeof issue.code).toBe('string');
            expect(typeof issue.path).toBe('string');
            expect(typeof issue.rule).toBe('string');
          }
        }
      }),
      { numRuns: 2500 },
    );
  });

  test('a mutated config file gives the typed error or loads, and main writes nothing when it is invalid', () => {
    const dir = tempDir('property');
    const outdir = path.join(dir, 'cdktf.out');
    fc.assert(
      fc.property(mutation, (m) => {
        const config = apply(JSON.parse(JSON.stringify(sample)), m);
        let text: string;
        try {
          text = JSON.stringify(config) ?? 'null';
        } catch {
          return; // too deep for JSON.stringify itself: nothing to write
        }
        const file = path.join(dir, 'config.json');
        fs.writeFileSync(file, text);
        let valid = true;
        try {
          loadConfig(file);
        } catch (e) {
          expect(e).toBeInstanceOf(RampartValidationErrors);
          valid = false;
        }
        if (!valid) {
          let stderr = '';
          const exit = main(['--config', file], { env: { CDKTF_OUTDIR: outdir }, cwd: dir, stdout: () => undefined, stderr: (t) => (stderr += t) });
          expect(exit).toBe(1);
          expect(stderr).toContain('Nothing was written.');
          expect(fs.existsSync(outdir)).toBe(false);
          expect(fs.readdirSync(dir)).toEqual(['config.json']);
        }
      }),
      { numRuns: 300 },
    );
  });
});
