import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../src/config/rampart.config';
import { tempDir } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/src/main.js');

function runEntry(args: string[], outdir: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the real entry point (dist/src/main.js)', () => {
  test('writes the five stacks', () => {
    const outdir = path.join(tempDir('main-ok'), 'cdktf.out');
    const r = runEntry([], outdir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const stack of ['bootstrap', 'org', 'dev', 'staging', 'prod']) {
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
});
