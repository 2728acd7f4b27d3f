#!/usr/bin/env node
// Second framework job: proves Rampart on CDK Terrain (cdktn) next to cdktf.
//
// 1. Synthesises every stack and every example with this checkout's cdktf build (the reference).
// 2. Copies the checkout into a scratch directory, installs it with the npm alias
//    `cdktf -> npm:cdktn@<version>` (in dependencies and overrides) and constructs 10.7.x,
//    builds it and synthesises the same stacks and examples.
// 3. Fails on any difference between the two outputs other than the framework version in the
//    metadata block, then runs `terraform validate` on every cdktn-synthesised stack.
// 4. Runs the consumer-from-tarball check with the alias (scripts/consumer-app.js --alias npm:cdktn@<v>),
//    when that script exists.
// 5. Type-checks the repository against AWS provider 6 bindings (@cdktn/provider-aws) with deep
//    imports, and compares the errors with the tracked list in scripts/provider6-known-errors.txt:
//    a new error fails the job; an error that disappeared is reported so the list can shrink.
//
// Usage: npm run test:cdktn [-- --keep] [-- --update-provider6-errors]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CDKTN_VERSION = '0.24.0';
const CONSTRUCTS_VERSION = '10.7.2';
const PROVIDER6_VERSION = '25.7.0';
const root = path.resolve(__dirname, '..');
const keep = process.argv.includes('--keep');
const updateKnown = process.argv.includes('--update-provider6-errors');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cdktn-'));
const scratch = path.join(work, 'repo');
const knownErrorsFile = path.join(__dirname, 'provider6-known-errors.txt');
const started = Date.now();

function step(label) {
  process.stdout.write(`[cdktn ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${label}\n`);
}

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} (in ${path.relative(work, cwd) || cwd}) exited ${r.status}:\n${out}`);
  }
  return r.stdout;
}

/** Example apps: every examples/<name> with a cdktf.json; each runs `node lib/main.js`. */
function examples(base) {
  const dir = path.join(base, 'examples');
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => fs.existsSync(path.join(dir, n, 'cdktf.json')))
        .sort()
    : [];
}

/** Synthesises the app and every example of a built tree into `out/<app|example-name>`. */
function synthAll(base, out) {
  fs.mkdirSync(out, { recursive: true });
  const app = JSON.parse(fs.readFileSync(path.join(base, 'cdktf.json'), 'utf8')).app;
  const entry = /node\s+(\S+\.js)/.exec(app)?.[1] ?? 'dist/src/main.js';
  run(process.execPath, [entry], base, { CDKTF_OUTDIR: path.join(out, 'app') });
  for (const name of examples(base)) {
    run(process.execPath, ['lib/main.js'], path.join(base, 'examples', name), { CDKTF_OUTDIR: path.join(out, `example-${name}`) });
  }
}

/** Every synthesised stack below `out`: `<app|example-x>/<stack>` -> directory. */
function stackDirs(out) {
  const dirs = {};
  for (const unit of fs.readdirSync(out).sort()) {
    const stacks = path.join(out, unit, 'stacks');
    for (const s of fs.existsSync(stacks) ? fs.readdirSync(stacks).sort() : []) dirs[`${unit}/${s}`] = path.join(stacks, s);
  }
  return dirs;
}

/**
 * The stack's JSON without the framework version in its metadata, and with the checkout's own
 * directory (in local backend paths) replaced by a placeholder.
 */
function comparable(dir, checkout) {
  const text = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8').split(checkout).join('<checkout>');
  const json = JSON.parse(text);
  if (json['//']?.metadata) delete json['//'].metadata.version;
  return json;
}

/** First difference between two JSON values, as a JSON pointer, or undefined when equal. */
function firstDifference(a, b, at = '') {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at || '/';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(a[k], b[k], `${at}/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Rewrites a package.json of the scratch copy for the cdktn alias. */
function aliasPackage(file, isRoot) {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    if (pkg[field]?.cdktf) pkg[field].cdktf = `npm:cdktn@${CDKTN_VERSION}`;
    if (pkg[field]?.constructs) pkg[field].constructs = CONSTRUCTS_VERSION;
  }
  if (isRoot) {
    // The CLI and the test tooling are not needed to build and synthesise; leaving them out
    // keeps the install small. cdktn-cli declares Node >= 22.19, so it is not run here.
    pkg.devDependencies = Object.fromEntries(Object.entries(pkg.devDependencies ?? {}).filter(([n]) => ['typescript', '@types/node'].includes(n) || n.startsWith('@aws-sdk/')));
    pkg.overrides = { ...(pkg.overrides ?? {}), cdktf: `npm:cdktn@${CDKTN_VERSION}`, constructs: CONSTRUCTS_VERSION };
    delete pkg.scripts;
  }
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

function copyCheckout() {
  const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z'], root).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(root, f);
    if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(scratch, f)), { recursive: true });
    fs.copyFileSync(from, path.join(scratch, f));
  }
  fs.rmSync(path.join(scratch, 'package-lock.json'), { force: true });
  const pkgs = files.filter((f) => path.basename(f) === 'package.json');
  for (const f of pkgs) aliasPackage(path.join(scratch, f), f === 'package.json');
}

async function validateAll(dirs) {
  const { validateStack } = require(path.join(scratch, 'dist', 'src', 'terraform', 'run.js'));
  const queue = Object.entries(dirs);
  const failures = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, dir] = next;
      try {
        await validateStack(dir, name);
      } catch (e) {
        failures.push(`${name}: ${e.message}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return failures;
}

/** tsc diagnostics of the provider-6 type-check, without line numbers (they move with every edit). */
function provider6Errors() {
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--engine-strict=false', `@cdktn/provider-aws@${PROVIDER6_VERSION}`], scratch);
  const modules = fs.readdirSync(path.join(scratch, 'modules')).filter((m) => fs.existsSync(path.join(scratch, 'modules', m, 'src')));
  const tsconfig = {
    extends: './tsconfig.base.json',
    compilerOptions: {
      noEmit: true,
      composite: false,
      incremental: false,
      declaration: false,
      declarationMap: false,
      baseUrl: '.',
      paths: {
        '@cdktf/provider-aws/lib/*': ['node_modules/@cdktn/provider-aws/lib/*'],
        ...Object.fromEntries(modules.map((m) => [`@rampart/${m}`, [`modules/${m}/src`]])),
      },
    },
    include: ['modules/*/src/**/*.ts', 'config/**/*.ts', 'stacks/**/*.ts', 'src/**/*.ts'],
  };
  fs.writeFileSync(path.join(scratch, 'tsconfig.provider6.json'), JSON.stringify(tsconfig, null, 2));
  const r = spawnSync(process.execPath, [path.join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.provider6.json', '--pretty', 'false'], {
    cwd: scratch,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
  if (r.status !== 0 && lines.length === 0) throw new Error(`provider 6 type-check failed without diagnostics:\n${r.stdout}${r.stderr}`);
  return lines.map((l) => l.replace(/^(.*?)\(\d+,\d+\): /, '$1: ').trim()).sort();
}

function compareKnown(errors) {
  const known = fs.existsSync(knownErrorsFile)
    ? fs
        .readFileSync(knownErrorsFile, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
    : [];
  if (updateKnown) {
    const header = `# Type errors of the repository against @cdktn/provider-aws ${PROVIDER6_VERSION} (AWS provider 6), written by\n# \`npm run test:cdktn -- --update-provider6-errors\`. The cdktn job fails on any error not listed here.\n`;
    fs.writeFileSync(knownErrorsFile, header + errors.map((e) => `${e}\n`).join(''));
    return { added: [], gone: [] };
  }
  const count = (xs) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map());
  const k = count(known);
  const e = count(errors);
  const added = [...e].filter(([x, n]) => n > (k.get(x) ?? 0)).map(([x]) => x);
  const gone = [...k].filter(([x, n]) => n > (e.get(x) ?? 0)).map(([x]) => x);
  return { added, gone };
}

async function main() {
  step(`work directory ${work}`);
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], root);
  step('cdktf: synthesising every stack and example (reference)');
  synthAll(root, path.join(work, 'cdktf'));
  step(`scratch copy with cdktf -> npm:cdktn@${CDKTN_VERSION}, constructs ${CONSTRUCTS_VERSION}`);
  copyCheckout();
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], scratch);
  const installed = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules', 'cdktf', 'package.json'), 'utf8'));
  if (installed.name !== 'cdktn') throw new Error(`the alias did not take: node_modules/cdktf is ${installed.name}@${installed.version}`);
  step(`installed ${installed.name}@${installed.version}; building`);
  // The app, its packages and the examples; the test project is not built here (no jest types).
  run(process.execPath, [path.join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.app.json', ...examples(scratch).map((n) => `examples/${n}`)], scratch);
  step('cdktn: synthesising every stack and example');
  synthAll(scratch, path.join(work, 'cdktn'));

  const ref = stackDirs(path.join(work, 'cdktf'));
  const got = stackDirs(path.join(work, 'cdktn'));
  const problems = [];
  for (const name of new Set([...Object.keys(ref), ...Object.keys(got)])) {
    if (!ref[name] || !got[name]) {
      problems.push(`${name}: synthesised by ${ref[name] ? 'cdktf' : 'cdktn'} only`);
      continue;
    }
    const d = firstDifference(comparable(ref[name], root), comparable(got[name], scratch));
    if (d !== undefined) problems.push(`${name}: cdk.tf.json differs at ${d}`);
  }
  step(`compared ${Object.keys(ref).length} stacks: ${problems.length ? `${problems.length} differ` : 'identical apart from the framework version'}`);

  step(`terraform validate on ${Object.keys(got).length} cdktn stacks`);
  problems.push(...(await validateAll(got)));

  const consumer = path.join(scratch, 'scripts', 'consumer-app.js');
  if (fs.existsSync(consumer)) {
    step('consumer app from tarballs, with the cdktn alias');
    try {
      run(process.execPath, [consumer, '--alias', `npm:cdktn@${CDKTN_VERSION}`, '--constructs', CONSTRUCTS_VERSION], scratch);
    } catch (e) {
      problems.push(`consumer app: ${e.message}`);
    }
  } else {
    problems.push('consumer app: scripts/consumer-app.js is missing');
  }

  step(`type-check against @cdktn/provider-aws ${PROVIDER6_VERSION} (AWS provider 6)`);
  const errors = provider6Errors();
  const { added, gone } = compareKnown(errors);
  step(`provider 6: ${errors.length} type errors, ${added.length} not in scripts/provider6-known-errors.txt, ${gone.length} fixed`);
  for (const g of gone) process.stdout.write(`  fixed (remove from the list): ${g}\n`);
  for (const a of added) problems.push(`provider 6: new type error: ${a}`);

  if (!keep) fs.rmSync(work, { recursive: true, force: true });
  if (problems.length) {
    process.stderr.write(`cdktn job failed:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  step('cdktn job passed');
}

main().catch((e) => {
  process.stderr.write(`cdktn job failed: ${e.message}\n`);
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
