#!/usr/bin/env node
// Builds Rampart apps the way a consumer would: every modules/<name> package is packed
// (`npm pack`) and the tarballs are installed, with no links, into a fresh app under the OS temp
// directory, outside the workspace. Projects (the consumer stack, the examples) are compiled
// there under strict TypeScript, synthesised, checked with `rampart-policy` and `terraform validate`.
//
//   node scripts/consumer-app.js [--alias <npm spec of cdktf, e.g. npm:cdktn@0.24.0>]
//                                [--constructs <version>] [--project <name>]... [--no-validate]
//
// Without --project every example is built. The prepared app is cached under the temp directory,
// keyed by the tarballs and the dependency set, so repeated runs install once.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** Framework and tool versions the consumer app installs (the workspace's own pins). */
function defaultDependencies() {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const pick = (name) => root.dependencies?.[name] ?? root.devDependencies?.[name];
  return {
    cdktf: pick('cdktf'),
    constructs: pick('constructs'),
    '@cdktf/provider-aws': pick('@cdktf/provider-aws'),
    typescript: pick('typescript'),
    '@types/node': pick('@types/node'),
  };
}

/** Wall-clock timer: `lap(name)` records the seconds since the previous lap. */
function stopwatch() {
  const timings = {};
  let last = Date.now();
  return {
    timings,
    lap(name) {
      const now = Date.now();
      timings[name] = (timings[name] ?? 0) + (now - last) / 1000;
      last = now;
    },
  };
}

function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function mustRun(cmd, args, cwd, env) {
  const r = run(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.code}):\n${(r.stderr || r.stdout).trim()}`);
  return r;
}

/** The publishable packages: every modules/<name> with a package.json. */
function moduleDirs() {
  return fs
    .readdirSync(path.join(ROOT, 'modules'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'modules', d.name, 'package.json')))
    .map((d) => path.join('modules', d.name))
    .sort();
}

/**
 * Builds the workspace once (`tsc -b`) and packs every module into `dest`. Packing skips the
 * packages' own `prepack` (which runs the same build) because the build just ran.
 * @returns absolute paths of the tarballs
 */
function packModules(dest, { build = true } = {}) {
  fs.mkdirSync(dest, { recursive: true });
  // Only the packages are packed, so only they need building (the tests' own tsconfig needs the test tooling).
  if (build) mustRun(NPX, ['tsc', '-b', ...moduleDirs()], ROOT);
  const args = ['pack', '--ignore-scripts', '--pack-destination', dest, '--json', ...moduleDirs().flatMap((d) => ['--workspace', d])];
  const out = mustRun(NPM, args, ROOT).stdout;
  return JSON.parse(out).map((p) => path.join(dest, p.filename));
}

/**
 * A fresh app under the temp directory with the tarballs and the framework installed (no links).
 * Cached by the tarballs' content and the dependency set; a concurrent caller never sees a
 * half-installed app (install in a scratch dir, then rename).
 * @param {{ alias?: string, constructs?: string, fresh?: boolean }} options
 *   alias: npm spec that replaces `cdktf` (in dependencies and overrides), e.g. `npm:cdktn@0.24.0`.
 */
function prepareApp(options = {}) {
  const watch = stopwatch();
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-tarballs-'));
  const tarballs = packModules(packDir, { build: options.build !== false });
  watch.lap('build+pack');
  const deps = defaultDependencies();
  if (options.alias) deps.cdktf = options.alias;
  if (options.constructs) deps.constructs = options.constructs;
  const hash = crypto.createHash('sha256');
  for (const t of tarballs) hash.update(path.basename(t)).update(fs.readFileSync(t));
  hash.update(JSON.stringify(deps));
  const dir = path.join(os.tmpdir(), `rampart-consumer-app-${hash.digest('hex').slice(0, 16)}`);
  if (options.fresh || !fs.existsSync(path.join(dir, '.installed'))) {
    const scratch = fs.mkdtempSync(`${dir}.tmp-`);
    const tgzDir = path.join(scratch, 'tarballs');
    fs.mkdirSync(tgzDir);
    const local = tarballs.map((t) => {
      fs.copyFileSync(t, path.join(tgzDir, path.basename(t)));
      return `file:tarballs/${path.basename(t)}`;
    });
    const manifest = {
      name: 'rampart-consumer',
      version: '0.0.0',
      private: true,
      license: 'UNLICENSED',
      dependencies: {
        ...Object.fromEntries(tarballs.map((t, i) => [JSON.parse(execFileSync('tar', ['-xzOf', t, 'package/package.json'], { encoding: 'utf8' })).name, local[i]])),
        ...deps,
      },
      ...(options.alias ? { overrides: { cdktf: options.alias } } : {}),
    };
    fs.writeFileSync(path.join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mustRun(NPM, ['install', '--install-links', ...NPM_FLAGS], scratch);
    fs.writeFileSync(path.join(scratch, '.installed'), new Date().toISOString());
    if (options.fresh) fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(scratch, dir);
    } catch {
      fs.rmSync(scratch, { recursive: true, force: true }); // another process finished first
    }
    watch.lap('install');
  } else {
    watch.lap('install (cached)');
  }
  fs.rmSync(packDir, { recursive: true, force: true });
  return { dir, tarballs: tarballs.map((t) => path.basename(t)), timings: watch.timings };
}

/** Strict compiler options a consumer would use (node16 resolution, so `exports` maps are honoured). */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    noImplicitReturns: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    esModuleInterop: true,
    skipLibCheck: true,
    rootDir: 'src',
    outDir: 'lib',
  },
  include: ['src/**/*.ts'],
};

/**
 * Copies a project (its `src/` and any other listed entries) into `<app>/projects/<name>`,
 * outside the workspace, and compiles it with the app's TypeScript under CONSUMER_TSCONFIG.
 * @param {{ name: string, from: string, copy?: string[] }} project
 * @returns the project directory
 */
function compileProject(appDir, project) {
  const dir = path.join(appDir, 'projects', project.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of project.copy ?? ['src']) {
    const src = path.join(project.from, entry);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, entry), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`);
  mustRun(process.execPath, [path.join(appDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir);
  return dir;
}

/** Runs `node lib/main.js` in a project (cdktf writes ./cdktf.out). Does not throw. */
function synthProject(dir, env = {}) {
  fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
  return run(process.execPath, ['lib/main.js'], dir, { ...process.env, CHECKPOINT_DISABLE: '1', ...env });
}

/** Runs `npx rampart-policy cdktf.out` in a project, with the installed CLI. Does not throw. */
function policyProject(dir, args = []) {
  return run(NPX, ['--no-install', 'rampart-policy', 'cdktf.out', ...args], dir);
}

/** The stack directories of a project's cdktf.out. */
function stackDirs(dir) {
  const stacks = path.join(dir, 'cdktf.out', 'stacks');
  return fs.readdirSync(stacks).map((name) => ({ name, dir: path.join(stacks, name) }));
}

/** `terraform init` + `validate` on every stack of a project, with the repo's offline helpers. */
async function validateProject(dir) {
  const helper = path.join(ROOT, 'dist', 'src', 'terraform', 'run.js');
  if (!fs.existsSync(helper)) throw new Error(`${helper} is missing: run \`npx tsc -b\` first`);
  const { validateStack } = require(helper);
  for (const s of stackDirs(dir)) await validateStack(s.dir, s.name);
}

/** The example apps of the repository, as projects. */
function exampleProjects() {
  return fs
    .readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', d.name, 'src', 'main.ts')))
    .map((d) => ({ name: `example-${d.name}`, from: path.join(ROOT, 'examples', d.name), copy: ['src', 'snapshot-function', 'cdktf.json'] }));
}

function parseArgs(argv) {
  const o = { projects: [], validate: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--alias') o.alias = argv[++i];
    else if (a === '--constructs') o.constructs = argv[++i];
    else if (a === '--project') o.projects.push(argv[++i]);
    else if (a === '--no-validate') o.validate = false;
    else if (a === '--fresh') o.fresh = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main(argv) {
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write('usage: node scripts/consumer-app.js [--alias <cdktf npm spec>] [--constructs <version>] [--project <example-name>]... [--no-validate] [--fresh]\n');
    return 0;
  }
  const app = prepareApp(o);
  process.stdout.write(`app ${app.dir}\n`);
  const all = exampleProjects();
  const chosen = o.projects.length ? all.filter((p) => o.projects.includes(p.name) || o.projects.includes(p.name.replace(/^example-/, ''))) : all;
  let failed = 0;
  for (const project of chosen) {
    const watch = stopwatch();
    const dir = compileProject(app.dir, project);
    watch.lap('compile');
    const synth = synthProject(dir);
    watch.lap('synth');
    const policy = synth.code === 0 ? policyProject(dir) : synth;
    watch.lap('policy');
    if (synth.code !== 0 || policy.code !== 0) {
      failed++;
      process.stderr.write(`${project.name}: ${synth.code !== 0 ? 'synth' : 'policy'} failed\n${policy.stderr || policy.stdout}\n`);
      continue;
    }
    if (o.validate) await validateProject(dir);
    watch.lap('validate');
    process.stdout.write(`${project.name}: ok ${JSON.stringify(watch.timings)}\n`);
  }
  process.stdout.write(`prepare ${JSON.stringify(app.timings)}\n`);
  return failed ? 1 : 0;
}

module.exports = { prepareApp, packModules, compileProject, synthProject, policyProject, validateProject, stackDirs, exampleProjects, CONSUMER_TSCONFIG, ROOT };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
