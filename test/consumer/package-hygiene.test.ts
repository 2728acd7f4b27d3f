import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');
const modules = fs.readdirSync(path.join(ROOT, 'modules')).filter((m) => fs.existsSync(path.join(ROOT, 'modules', m, 'package.json')));

describe('package hygiene', () => {
  test('every package carries the publishing metadata and the LICENSE (run `node scripts/sync-package-metadata.js`)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/sync-package-metadata.js'), '--check'], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test.each(modules)('@rampart/%s: exports map, prepack build, repository directory, engines, sideEffects, maps in files', (m) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'modules', m, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.exports['.']).toEqual({ types: './lib/index.d.ts', default: './lib/index.js' });
    expect(pkg.scripts.prepack).toBe('tsc -b');
    expect(pkg.repository.directory).toBe(`modules/${m}`);
    expect(pkg.engines.node).toMatch(/^>=\d+/);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.files).toEqual(expect.arrayContaining(['lib/**/*.js.map', 'lib/**/*.d.ts.map', 'src/**/*.ts', 'LICENSE']));
    expect(fs.readFileSync(path.join(ROOT, 'modules', m, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
  });

  test('the compiler writes source maps and declaration maps', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));
    expect(base.compilerOptions).toMatchObject({ sourceMap: true, declarationMap: true });
  });

  test('rampart-policy --help exits 0 and prints the usage', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'modules/policy/bin/rampart-policy.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: rampart-policy/);
  });
});
