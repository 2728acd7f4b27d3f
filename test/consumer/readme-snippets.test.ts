import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CONSUMER_TSCONFIG, ROOT, prepareApp } from '../../scripts/consumer-app';

// Every ```ts / ```typescript fence of every README (root, modules/*, examples/*) is written as a
// module into the consumer app built from the tarballs and type-checked there under strict
// TypeScript, so the packages resolve exactly as a reader's would. A snippet compiles as written:
// it declares what it uses. Snippets that do not compile yet are listed, with their first error,
// in readme-snippets.known-failures.json; the test fails on any other failure and on a listed
// snippet that now compiles (remove it from the list).

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

const KNOWN_FILE = path.join(__dirname, 'readme-snippets.known-failures.json');

describe('README snippets', () => {
  const snippets = readmes().flatMap((r) => extractSnippets(r, fs.readFileSync(path.join(ROOT, r), 'utf8')));
  let errors: Record<string, string[]>;

  beforeAll(() => {
    const app = prepareApp();
    const dir = path.join(app.dir, 'projects', 'readme-snippets');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    for (const s of snippets) fs.writeFileSync(path.join(dir, 'src', `${s.id}.ts`), `${s.code}\nexport {};\n`);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ ...CONSUMER_TSCONFIG, compilerOptions: { ...CONSUMER_TSCONFIG.compilerOptions, noEmit: true, noUnusedLocals: false } }));
    const r = spawnSync(process.execPath, [path.join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    errors = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^src\/([^.]+)\.ts\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
      if (m) (errors[m[1]] ??= []).push(`line ${m[2]}: ${m[3]}`);
    }
  }, 300000);

  test('there are snippets to check', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
  });

  test('every snippet compiles, apart from the listed known failures', () => {
    const known: Record<string, string> = JSON.parse(fs.readFileSync(KNOWN_FILE, 'utf8'));
    const unexpected = Object.fromEntries(Object.entries(errors).filter(([id]) => !(id in known)));
    expect(unexpected).toEqual({});
    const nowCompiling = Object.keys(known).filter((id) => !(id in errors));
    expect(nowCompiling).toEqual([]);
  });
});
