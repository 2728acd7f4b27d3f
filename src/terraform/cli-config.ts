import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Environment variable that names the provider mirror root (the directory holding `registry.terraform.io`). */
export const MIRROR_ENV = 'RAMPART_TF_PROVIDER_MIRROR';

const SKIP = new Set(['proc', 'sys', 'dev', 'run', 'tmp', 'var', 'boot', 'lost+found', 'snap']);

/**
 * Finds a filesystem mirror of Terraform providers: the value of RAMPART_TF_PROVIDER_MIRROR when
 * set, otherwise the first directory up to three levels below the filesystem root that contains
 * `registry.terraform.io`. Returns undefined when there is none (then the public registry is used).
 */
export function findProviderMirror(): string | undefined {
  const fromEnv = process.env[MIRROR_ENV];
  if (fromEnv !== undefined) return fromEnv !== '' && fs.existsSync(path.join(fromEnv, 'registry.terraform.io')) ? fromEnv : undefined;
  const search = (dir: string, depth: number): string | undefined => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    if (entries.some((e) => e.isDirectory() && e.name === 'registry.terraform.io')) return dir;
    if (depth === 0) return undefined;
    for (const e of entries) {
      if (!e.isDirectory() || (dir === path.parse(dir).root && SKIP.has(e.name)) || e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const found = search(path.join(dir, e.name), depth - 1);
      if (found) return found;
    }
    return undefined;
  };
  return search(path.parse(process.cwd()).root, 2);
}

/**
 * The CLI configuration text that installs providers from a mirror and nothing from the registry.
 * An unpacked mirror is linked into each working directory, not copied, so no plugin cache is
 * used (a shared cache is not safe for concurrent `terraform init`).
 */
export function mirrorCliConfig(mirror: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The environment Terraform should run with: no phoning home, no prompts, and, where a provider
 * mirror exists, a CLI config that uses it (written once under the OS temp directory).
 * Elsewhere TF_CLI_CONFIG_FILE is left as the caller had it and the public registry is used.
 */
export function terraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const mirror = findProviderMirror();
  if (mirror) {
    const dir = path.join(os.tmpdir(), 'rampart-terraform');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'terraformrc');
    const text = mirrorCliConfig(mirror);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      // Write then rename, so a concurrent reader never sees a half-written file.
      const tmp = `${file}.${process.pid}`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    }
    env.TF_CLI_CONFIG_FILE = file;
  }
  return env;
}
