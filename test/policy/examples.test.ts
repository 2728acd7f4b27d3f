import * as fs from 'fs';
import * as path from 'path';
import { evaluateStack, findStacks, RAMPART_BASELINE } from '@rampart/policy';
import { tempDir } from '../helpers/synth';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** Every example app: a directory under examples/ with an entry at src/main.ts. */
function examples(): string[] {
  if (!fs.existsSync(EXAMPLES)) return [];
  return fs
    .readdirSync(EXAMPLES)
    .filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'src', 'main.ts')))
    .sort();
}

/** Runs an example's entry with its output redirected, then the baseline pack over what it wrote. */
function synthAndCheck(name: string) {
  const outdir = path.join(tempDir(`example-${name}`), 'cdktf.out');
  const previous = process.env.CDKTF_OUTDIR;
  const write = process.stdout.write;
  process.env.CDKTF_OUTDIR = outdir;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each example is an app that synthesises when loaded
    jest.isolateModules(() => require(path.join(EXAMPLES, name, 'src', 'main.ts')));
  } finally {
    process.stdout.write = write;
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  return findStacks(outdir).map((s) => evaluateStack(JSON.parse(fs.readFileSync(s.file, 'utf8')), { pack: RAMPART_BASELINE, stackName: s.name }));
}

describe('examples pass the rampart-baseline pack', () => {
  test('every directory under examples/ is an example with an entry, so none escapes the pack', () => {
    // Independent of the discovery filter: list every directory, and require each to have src/main.ts.
    const dirs = fs
      .readdirSync(EXAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs.length).toBeGreaterThan(0);
    expect(dirs.filter((d) => !fs.existsSync(path.join(EXAMPLES, d, 'src', 'main.ts')))).toEqual([]);
    expect(examples()).toEqual(dirs);
  });

  for (const name of examples()) {
    test(`${name}: every stack has zero unsuppressed findings`, () => {
      const reports = synthAndCheck(name);
      expect(reports.length).toBeGreaterThan(0);
      for (const r of reports)
        expect({ stack: r.stack, findings: r.findings.map((f) => `${f.ruleId} ${f.address}: ${f.message}`), errors: r.errors }).toEqual({ stack: r.stack, findings: [], errors: [] });
    });
  }
});
