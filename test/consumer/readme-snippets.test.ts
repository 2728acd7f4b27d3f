import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CONSUMER_TSCONFIG, ROOT, prepareApp } from '../../scripts/consumer-app';

// Every ```ts / ```typescript fence of every README (root, modules/*, examples/*) is written as a
// module into the consumer app built from the tarballs and type-checked there under strict
// TypeScript, so the packages resolve exactly as a reader's would. Every snippet compiles as
// written, on its own: it imports and declares everything it uses, so a reader can paste it.

interface Snippet {
  readonly id: string;
  readonly readme: string;
  readonly line: number;
  readonly code: string;
}

function readmes(): string[] {
  const found = ['README.md'];
  for (const area of ['modules', 'examples']) {
    for (const d of fs.readdirSync(path.join(ROOT, area)).sort()) {
      if (fs.existsSync(path.join(ROOT, area, d, 'README.md'))) found.push(`${area}/${d}/README.md`);
    }
  }
  return found;
}

export function extractSnippets(readme: string, text: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    snippets.push({ id: `${readme.replace(/\/README\.md$|README\.md$/, '').replace(/[/]/g, '-') || 'root'}-L${start + 1}`, readme, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return snippets;
}

describe('README snippets', () => {
  const snippets = readmes().flatMap((r) => extractSnippets(r, fs.readFileSync(path.join(ROOT, r), 'utf8')));
  let errors: Record<string, string[]>;
  let tsc: { status: number | null; output: string };

  beforeAll(() => {
    const app = prepareApp();
    const dir = path.join(app.dir, 'projects', 'readme-snippets');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    for (const s of snippets) fs.writeFileSync(path.join(dir, 'src', `${s.id}.ts`), `${s.code}\nexport {};\n`);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ ...CONSUMER_TSCONFIG, compilerOptions: { ...CONSUMER_TSCONFIG.compilerOptions, noEmit: true } }));
    const r = spawnSync(process.execPath, [path.join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    tsc = { status: r.status, output: r.stdout + r.stderr };
    // Each error is reported at its README line, under the snippet's id.
    const byId = new Map(snippets.map((s) => [s.id, s]));
    errors = {};
    for (const line of tsc.output.split('\n')) {
      const m = /^src\/([^.]+)\.ts\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
      if (m) (errors[m[1]] ??= []).push(`${byId.get(m[1])?.readme}:${(byId.get(m[1])?.line ?? 1) + Number(m[2]) - 1}: ${m[3]}`);
    }
  }, 300000);

  test('there are snippets to check', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  test("the baseline package's README snippet is among them", () => {
    expect(snippets.filter((s) => s.readme === 'modules/baseline/README.md').length).toBeGreaterThanOrEqual(1);
  });

  test('every snippet compiles', () => {
    expect(errors).toEqual({});
    expect(tsc.status === 0 ? '' : tsc.output).toBe('');
  });
});
