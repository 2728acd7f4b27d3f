import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['src', 'stacks', 'backend', 'modules', 'examples', 'test', 'scripts'];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'lib', 'dist', 'cdktf.out'].includes(e.name) ? [] : sourceFiles(p);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('speed by design', () => {
  const files = DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));

  test('there are source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test('no source file imports the @cdktf/provider-aws barrel', () => {
    const barrel = /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-aws['"]/;
    const offenders = files.filter((f) => barrel.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test('provider resources are imported by deep path only', () => {
    const imports = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](@cdktf\/provider-aws[^'"]*)['"]/g)].map((m) => m[1]));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/.test(i))).toEqual([]);
  });
});
