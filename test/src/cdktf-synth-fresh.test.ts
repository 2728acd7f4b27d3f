import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '../..');

/**
 * GIVEN a copy of the app WHEN its built-in config is edited and `cdktf synth` runs again
 * THEN the edit is in the output: cdktf.json's app builds incrementally before it runs the entry.
 */
describe('cdktf synth runs what is in the tree', () => {
  test('cdktf.json builds incrementally (tsc -b) before running the precompiled entry', () => {
    const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;
    expect(app).toBe('node node_modules/typescript/bin/tsc -b tsconfig.app.json && node dist/src/main.js');
  });

  test('an edited config appears in the next cdktf synth', () => {
    const dir = tempDir('fresh-synth');
    for (const f of ['cdktf.json', 'tsconfig.app.json', 'tsconfig.base.json', 'package.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    for (const d of ['config', 'src', 'stacks']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
    for (const d of ['node_modules', 'modules']) fs.symlinkSync(path.join(ROOT, d), path.join(dir, d));
    const env: Record<string, string | undefined> = { ...process.env, CHECKPOINT_DISABLE: '1' };
    delete env.RAMPART_CONFIG;
    const synth = (): string => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/cdktf-cli/bundle/bin/cdktf'), 'synth', '--output', 'out'], { cwd: dir, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cdktf synth failed:\n${r.stdout}\n${r.stderr}`);
      return fs.readFileSync(path.join(dir, 'out', 'stacks', 'bootstrap', 'cdk.tf.json'), 'utf8');
    };
    expect(synth()).toContain('acme-tfstate-');
    const configFile = path.join(dir, 'config', 'rampart.config.ts');
    fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace("prefix: 'acme'", "prefix: 'zeta'"));
    const second = synth();
    expect(second).toContain('zeta-tfstate-');
    expect(second).not.toContain('acme-tfstate-');
  }, 600_000);
});
