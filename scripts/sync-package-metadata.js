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

/**
 * Peer ranges of the frameworks, the same in every package. cdktf 0.21 is HashiCorp's last
 * release; 0.24 is CDK Terrain (`cdktn`), which consumers install under the `cdktf` name
 * (`"cdktf": "npm:cdktn@0.24.0"`). `npm run test:cdktn` proves the upper end.
 */
const PEER_RANGES = { cdktf: '>=0.21.0 <0.25.0', constructs: '^10.4.2' };

/** The README section every package carries, between these markers (rewritten by this script). */
const CDKTN_START = '<!-- cdktn:start -->';
const CDKTN_END = '<!-- cdktn:end -->';
const CDKTN_SECTION = `${CDKTN_START}
## Using Rampart with CDK Terrain

HashiCorp archived CDK for Terraform; its community continuation is CDK Terrain (\`cdktn\`).
Rampart is built on cdktf 0.21 and proved on CDK Terrain 0.24 (\`npm run test:cdktn\` in the
Rampart repository: the same Terraform JSON, \`terraform validate\`, and this package installed
from its tarball into a consumer app). Install CDK Terrain under the \`cdktf\` name, so that
Rampart, the provider bindings and your code share one framework copy; no import changes:

\`\`\`json
{
  "dependencies": {
    "cdktf": "npm:cdktn@0.24.0",
    "constructs": "10.7.2",
    "@cdktf/provider-aws": "20.1.0"
  },
  "overrides": {
    "cdktf": "npm:cdktn@0.24.0",
    "constructs": "10.7.2"
  }
}
\`\`\`

The override matters: without it \`@cdktf/provider-aws\` loads its own cdktf 0.21 beside CDK
Terrain and synth fails. The CDK Terrain CLI (\`cdktn-cli\` 0.24.0) needs Node.js 22.19 or later;
Rampart's own tests run on Node.js 20.
${CDKTN_END}
`;

/** The README with the CDK Terrain section in place (replaced between the markers, else appended). */
function withCdktnSection(readme) {
  const start = readme.indexOf(CDKTN_START);
  const end = readme.indexOf(CDKTN_END);
  if (start >= 0 && end > start) return readme.slice(0, start) + CDKTN_SECTION + readme.slice(end + CDKTN_END.length + 1);
  return `${readme.replace(/\n*$/, '\n')}\n${CDKTN_SECTION}`;
}

const FIELD_ORDER = ['name', 'version', 'description', 'license', 'repository', 'engines', 'sideEffects', 'main', 'types', 'exports', 'bin', 'files', 'scripts', 'dependencies', 'peerDependencies'];

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
  if (pkg.peerDependencies) {
    next.peerDependencies = { ...pkg.peerDependencies };
    for (const [name, range] of Object.entries(PEER_RANGES)) if (name in next.peerDependencies) next.peerDependencies[name] = range;
  }
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
  for (const dir of moduleDirs()) {
    const file = path.join(ROOT, dir, 'README.md');
    const text = fs.readFileSync(file, 'utf8');
    const want = withCdktnSection(text);
    if (want !== text) {
      stale.push(`${dir}/README.md`);
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
