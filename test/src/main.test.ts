import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../config/rampart.config';
import { tempDir } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/src/main.js');

function runEntry(args: string[], outdir: string, extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, CDKTF_OUTDIR: outdir, ...extraEnv };
  if (!('RAMPART_CONFIG' in extraEnv)) delete env.RAMPART_CONFIG;
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the real entry point (dist/src/main.js)', () => {
  test('writes the seven stacks', () => {
    const outdir = path.join(tempDir('main-ok'), 'cdktf.out');
    const r = runEntry([], outdir);
    // no config named: the built-in sample, and stderr says so
    expect(r.stderr).toBe('rampart: no config named (--config FILE or RAMPART_CONFIG); using the built-in sample config/rampart.config.ts\n');
    expect(r.status).toBe(0);
    for (const stack of ['bootstrap', 'org', 'log-archive', 'security', 'dev', 'staging', 'prod']) {
      expect(fs.existsSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    }
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
    // after a successful synth: one network cost line per environment
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Synthesised /);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^dev: estimated network fixed cost \$199\.29\/month in eu-central-1 \(1 NAT gateway /),
      expect.stringMatching(/^staging: estimated network fixed cost \$\d+\.\d\d\/month/),
      expect.stringMatching(/^prod: estimated network fixed cost \$361\.35\/month in eu-central-1 \(3 NAT gateways /),
    ]);
  });

  test('a bad config exits non-zero with one readable line per problem and leaves cdktf.out untouched', () => {
    const dir = tempDir('main-bad');
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), '{"sentinel":true}');
    const bad = JSON.parse(JSON.stringify(defaultConfig));
    bad.prefix = '../../../etc';
    bad.environments[2].name = 'prod; rm -rf /';
    bad.environments[0].vpcCidr = '192.168.0.0/8';
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));

    const r = runEntry(['--config', file], outdir);

    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Invalid configuration (3 problems):');
    expect(r.stderr).toContain('prefix: must not contain path separators or ".." (received "../../../etc") [PATH_TRAVERSAL]');
    expect(r.stderr).toContain('environments[2].name: must not contain shell metacharacters or whitespace (received "prod; rm -rf /") [UNSAFE_CHARACTERS]');
    expect(r.stderr).toContain('environments.dev.vpcCidr: host bits must be zero for /8');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe('{"sentinel":true}');
    expect(fs.readdirSync(outdir)).toEqual(['stacks']);
    expect(fs.readdirSync(dir).sort()).toEqual(['bad.json', 'cdktf.out']);
  });

  // The same cases as config-hostile.test.ts (which calls main() in-process), here through the
  // real process: exit status, one typed line, cdktf.out untouched, never the sample.
  const processCases: Array<[string, string[], Record<string, string>, number, string]> = [
    ['--config without a value', ['--config'], {}, 2, '(command line): --config needs a file name [USAGE]'],
    ['an empty RAMPART_CONFIG', [], { RAMPART_CONFIG: '' }, 2, '[USAGE]'],
    ['a missing file named by RAMPART_CONFIG', [], { RAMPART_CONFIG: '/nonexistent/rampart.json' }, 2, '(config file): must be a readable file (ENOENT)'],
    ['an unknown flag', ['--confg=x.json'], {}, 2, '[USAGE]'],
    ['a duplicate key', ['--config', 'DUP'], {}, 1, 'prefix: is given twice'],
  ];
  test.each(processCases)('%s', (_title, args, extraEnv, status, line) => {
    const dir = tempDir('main-usage');
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), '{"sentinel":true}');
    const dup = path.join(dir, 'dup.json');
    fs.writeFileSync(dup, JSON.stringify(defaultConfig).replace('{', '{"prefix":"evil",'));
    const r = runEntry(
      args.map((a) => (a === 'DUP' ? dup : a)),
      outdir,
      extraEnv,
    );
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(line);
    expect(r.stderr).not.toContain('using the built-in sample');
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe('{"sentinel":true}');
    expect(fs.readdirSync(outdir)).toEqual(['stacks']);
  });
});
