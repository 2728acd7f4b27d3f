#!/usr/bin/env node
// Synth benchmark: wall time and peak RSS of synthesising every Rampart stack from the
// precompiled entry, next to an empty cdktf app measured in the same run, with their ratios.
// Usage: npm run bench [-- --runs N]
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-'));

function measure(label, script, preload = []) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const rssFile = path.join(work, `${label}-${i}.rss`);
    const outdir = path.join(work, `${label}-${i}.out`);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'bench-rss.js'), ...preload.flatMap((p) => ['-r', p]), script], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir, RAMPART_BENCH_RSS_FILE: rssFile, RAMPART_BENCH_CPU_FILE: `${rssFile}.cpu` },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
    samples.push({ ms, rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, cpuMs: Number(fs.readFileSync(`${rssFile}.cpu`, 'utf8')) });
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label, ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

const stacksDir = () => path.join(work, 'rampart-0.out', 'stacks');
const empty = measure('empty', path.join(__dirname, 'bench-empty-app.js'));
const rampart = measure('rampart', path.join(root, 'dist', 'src', 'main.js'));
const noPack = measure('nopack', path.join(root, 'dist', 'src', 'main.js'), [path.join(__dirname, 'bench-no-policy.js')]);
// The CLI over the synthesised output of the first run.
const cliSamples = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'modules', 'policy', 'bin', 'rampart-policy.js'), path.join(work, 'rampart-0.out'), '--format', 'json'], { cwd: root, encoding: 'utf8' });
  cliSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (r.status === 2) throw new Error(`rampart-policy failed:\n${r.stderr}`);
}
const cliMs = cliSamples.sort((a, b) => a - b)[Math.floor(cliSamples.length / 2)];
const resources = fs.readdirSync(stacksDir()).reduce((n, s) => {
  const json = JSON.parse(fs.readFileSync(path.join(stacksDir(), s, 'cdk.tf.json'), 'utf8'));
  return n + Object.values(json.resource || {}).reduce((m, byName) => m + Object.keys(byName).length, 0);
}, 0);

const row = (r) => `${r.label.padEnd(34)} ${r.ms.toFixed(0).padStart(8)} ms wall ${r.cpuMs.toFixed(0).padStart(8)} ms CPU ${r.rssMiB.toFixed(0).padStart(8)} MiB`;
console.log(`synth benchmark: median of ${runs} runs each, node ${process.version}, ${os.cpus().length} CPUs`);
console.log(row({ ...empty, label: 'empty cdktf app (1 stack)' }));
console.log(row({ ...rampart, label: `rampart (${fs.readdirSync(stacksDir()).length} stacks, ${resources} res.)` }));
console.log(row({ ...noPack, label: 'rampart without policy pack' }));
console.log(
  `policy pack overhead on synth (CPU): ${(((rampart.cpuMs - noPack.cpuMs) / noPack.cpuMs) * 100).toFixed(1).padStart(6)} %  (${(rampart.cpuMs - noPack.cpuMs).toFixed(0)} ms; target <= 15 %)`,
);
console.log(`${'rampart-policy CLI over cdktf.out'.padEnd(34)} ${cliMs.toFixed(0).padStart(8)} ms wall`);
console.log(`ratio rampart / empty:        ${(rampart.ms / empty.ms).toFixed(2).padStart(8)} x  ${(rampart.rssMiB / empty.rssMiB).toFixed(2).padStart(7)} x`);
fs.rmSync(work, { recursive: true, force: true });
