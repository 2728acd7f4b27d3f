import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { config as defaultConfig } from '../../config/rampart.config';
import { stateFingerprint } from '../../src/state/migrate-state';
import { tempDir } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'dist/src/state/migrate-bootstrap-state.js');

function run(config: unknown, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const dir = tempDir('migrate-cli');
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  const r = spawnSync(process.execPath, [ENTRY, '--config', file, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run migrate-bootstrap-state', () => {
  test('refuses to run until bootstrap.remoteState is set', () => {
    const r = run(defaultConfig);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('set bootstrap.remoteState to true in the config first');
  });

  test('refuses when state lives in HCP Terraform', () => {
    const r = run({ ...defaultConfig, bootstrap: { ...defaultConfig.bootstrap, remoteState: true }, state: { backend: 'cloud', cloud: { organization: 'acme' } } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('state.backend is "cloud"');
  });

  test('names the missing local state file and changes nothing', () => {
    const r = run({ ...defaultConfig, bootstrap: { ...defaultConfig.bootstrap, remoteState: true } }, ['--state', 'nowhere.tfstate']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/migration failed, the local state file is unchanged:\n\[bootstrap\] no local state at .*nowhere\.tfstate/);
  });

  test('a bad config is reported field by field', () => {
    const r = run({ ...defaultConfig, bootstrap: { ...defaultConfig.bootstrap, remoteState: 'yes' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bootstrap.remoteState: must be true or false');
  });
});

describe('stateFingerprint', () => {
  const state = {
    resources: [
      { mode: 'managed', type: 'aws_s3_bucket', name: 'b', instances: [{ attributes: { id: 'bucket-1' } }] },
      { mode: 'data', type: 'aws_iam_policy_document', name: 'p', instances: [{ attributes: { id: '123' } }] },
    ],
    outputs: { state_bucket: { value: 'bucket-1' } },
  };

  test('ignores order and lineage but not resources, ids or outputs', () => {
    const reordered = { ...state, resources: [...state.resources].reverse() };
    expect(stateFingerprint(reordered)).toBe(stateFingerprint(state));
    expect(stateFingerprint({ ...state, resources: state.resources.slice(1) })).not.toBe(stateFingerprint(state));
    expect(stateFingerprint({ ...state, outputs: { state_bucket: { value: 'other' } } })).not.toBe(stateFingerprint(state));
    const changedId = { ...state, resources: [{ ...state.resources[0], instances: [{ attributes: { id: 'bucket-2' } }] }, state.resources[1]] };
    expect(stateFingerprint(changedId)).not.toBe(stateFingerprint(state));
  });
});
