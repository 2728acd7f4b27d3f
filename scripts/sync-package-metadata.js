#!/usr/bin/env node
// Writes the publishing metadata every modules/<name>/package.json must carry, taken from the
// root package.json (license, repository, engines), and copies the root LICENSE into each package.
// Idempotent: run it after adding a module; test/consumer/package-hygiene.test.ts checks the result.
//
//   node scripts/sync-package-metadata.js [--check]
//
// With --check nothing is written; the exit status is 1 when a package is out of date.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** Package directories (relative to the root) of the publishable modules. */
function moduleDirs() {
  return fs
    .readdirSync(path.join(ROOT, 'modules'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'modules', d.name, 'package.json')))
    .map((d) => `modules/${d.name}`)
    .sort();
}

/** Package directories of the example apps (private; they get the LICENSE only). */
function exampleDirs() {
  return fs
    .readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', d.name, 'package.json')))
    .map((d) => `examples/${d.name}`)
    .sort();
}

const FIELD_ORDER = [
  'name', 'version', 'description', 'license', 'repository', 'engines', 'sideEffects',
  'main', 'types', 'exports', 'bin', 'files', 'scripts', 'dependencies', 'peerDependencies',
];

/** The package.json a module should have: its own fields kept, the shared ones set. */
function expectedManifest(dir, pkg, root) {
  const files = ['lib/**/*.js', 'lib/**/*.js.map', 'lib/**/*.d.ts', 'lib/**/*.d.ts.map', 'src/**/*.ts', 'README.md', 'LICENSE'];
  if (pkg.bin) files.splice(4, 0, 'bin/*.js');
  const next = {
    ...pkg,
    license: root.license,
    repository: { ...root.repository, directory: dir },
    engines: { ...root.engines },
    sideEffects: false,
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    exports: {
      '.': { types: './lib/index.d.ts', default: './lib/index.js' },
      './package.json': './package.json',
    },
    files,
    scripts: { ...(pkg.scripts ?? {}), build: 'tsc -b', prepack: 'tsc -b' },
  };
  const ordered = {};
  for (const k of FIELD_ORDER) if (k in next) ordered[k] = next[k];
  for (const k of Object.keys(next)) if (!(k in ordered)) ordered[k] = next[k];
  return ordered;
}

function main(argv) {
  const check = argv.includes('--check');
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  const stale = [];
  for (const dir of moduleDirs()) {
    const file = path.join(ROOT, dir, 'package.json');
    const text = fs.readFileSync(file, 'utf8');
    const want = `${JSON.stringify(expectedManifest(dir, JSON.parse(text), root), null, 2)}\n`;
    if (want !== text) {
      stale.push(`${dir}/package.json`);
      if (!check) fs.writeFileSync(file, want);
    }
  }
  for (const dir of [...moduleDirs(), ...exampleDirs()]) {
    const file = path.join(ROOT, dir, 'LICENSE');
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== license) {
      stale.push(`${dir}/LICENSE`);
      if (!check) fs.writeFileSync(file, license);
    }
  }
  for (const s of stale) process.stdout.write(`${check ? 'out of date' : 'updated'}: ${s}\n`);
  return check && stale.length > 0 ? 1 : 0;
}

module.exports = { moduleDirs, exampleDirs, expectedManifest };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
