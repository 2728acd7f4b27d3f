import * as fs from 'fs';
import * as path from 'path';
import { MIRROR_ENV, findProviderMirror, mirrorCliConfig, terraformEnv } from '../../src/terraform/cli-config';
import { tempDir } from '../helpers/synth';

describe('terraform environment', () => {
  const saved = process.env[MIRROR_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[MIRROR_ENV];
    else process.env[MIRROR_ENV] = saved;
  });

  test('a mirror named by the environment variable is used, and its CLI config installs only from it', () => {
    const mirror = tempDir('mirror');
    fs.mkdirSync(path.join(mirror, 'registry.terraform.io'));
    process.env[MIRROR_ENV] = mirror;
    expect(findProviderMirror()).toBe(mirror);
    const env = terraformEnv({ PATH: '/bin' });
    expect(env.CHECKPOINT_DISABLE).toBe('1');
    expect(fs.readFileSync(env.TF_CLI_CONFIG_FILE!, 'utf8')).toBe(mirrorCliConfig(mirror));
    expect(mirrorCliConfig(mirror)).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(mirrorCliConfig(mirror)).toMatch(/direct \{\n\s+exclude = \["registry\.terraform\.io\/\*\/\*"\]/);
    expect(mirrorCliConfig(mirror)).not.toContain('plugin_cache_dir');
  });

  test("without a mirror the caller's CLI config is left alone (public registry)", () => {
    process.env[MIRROR_ENV] = path.join(tempDir('no-mirror'), 'missing');
    expect(findProviderMirror()).toBeUndefined();
    const env = terraformEnv({ TF_CLI_CONFIG_FILE: 'mine.tfrc' });
    expect(env.TF_CLI_CONFIG_FILE).toBe('mine.tfrc');
  });
});
