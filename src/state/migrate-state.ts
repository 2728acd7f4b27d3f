import * as fs from 'fs';
import * as path from 'path';
import { terraform, TerraformError } from '../terraform/run';

/** The parts of a Terraform state file that a migration must carry over. */
interface StateFile {
  readonly resources?: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes?: { id?: string } }> }>;
  readonly outputs?: Record<string, { value: unknown }>;
}

/** Every resource address with its instances' ids, and the outputs, as one comparable string. */
export function stateFingerprint(state: StateFile): string {
  const resources = (state.resources ?? []).map((r) => `${r.mode}.${r.type}.${r.name}=[${r.instances.map((i) => i.attributes?.id ?? '').join(',')}]`).sort();
  const outputs = Object.entries(state.outputs ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v.value)}`)
    .sort();
  return [...resources, ...outputs].join(' ');
}

/** What a state migration did. */
export interface StateMigration {
  /** Resources in the state after the move. */
  readonly resources: number;
  /** Where the old local state file was moved to. */
  readonly backup: string;
}

/** Options of `migrateToRemoteState`. */
export interface StateMigrationOptions {
  /** Stack name, for messages. */
  readonly stack: string;
  /** Working directory: the stack's synthesised directory, initialised on local state or not at all. */
  readonly dir: string;
  /** The stack's Terraform JSON with its local backend (as applied so far). */
  readonly localJson: string;
  /** The same stack's Terraform JSON with its remote backend. */
  readonly remoteJson: string;
  /** The local state file named in `localJson`. */
  readonly localStatePath: string;
  /** Extra environment for terraform. */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress messages. */
  readonly log?: (line: string) => void;
}

/**
 * Moves a stack's state from its local file into its remote backend with Terraform's own
 * migration: `terraform init` on the local backend, then `terraform init -migrate-state
 * -force-copy` on the remote one. Checks that the remote state holds what the local file held,
 * then renames the local file to `<file>.migrated` so that it cannot be applied by mistake.
 */
export async function migrateToRemoteState(options: StateMigrationOptions): Promise<StateMigration> {
  const { stack, dir, env } = options;
  const log = options.log ?? (() => undefined);
  if (!fs.existsSync(options.localStatePath)) {
    throw new Error(`[${stack}] no local state at ${options.localStatePath}: apply the stack on local state first, or pass the state file's path`);
  }
  const local = JSON.parse(fs.readFileSync(options.localStatePath, 'utf8')) as StateFile;
  const file = path.join(dir, 'cdk.tf.json');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, options.localJson);
  log(`[${stack}] init on local state`);
  await terraform(dir, ['init', '-input=false', '-no-color'], { stack, env });
  fs.writeFileSync(file, options.remoteJson);
  log(`[${stack}] init -migrate-state into the remote backend`);
  await terraform(dir, ['init', '-migrate-state', '-force-copy', '-input=false', '-no-color'], { stack, env });
  const pulled = await terraform(dir, ['state', 'pull'], { stack, env });
  const remote = JSON.parse(pulled.stdout) as StateFile;
  const count = (s: StateFile): number => (s.resources ?? []).length;
  const before = stateFingerprint(local);
  const after = stateFingerprint(remote);
  if (before !== after) {
    throw new TerraformError(
      stack,
      ['state', 'pull'],
      { code: 1, stdout: '', stderr: `the remote state does not hold what the local file held; the local file was left in place.\nlocal:  ${before}\nremote: ${after}` },
      'state migration could not be verified',
    );
  }
  const backup = `${options.localStatePath}.migrated`;
  fs.renameSync(options.localStatePath, backup);
  if (fs.existsSync(`${options.localStatePath}.backup`)) fs.renameSync(`${options.localStatePath}.backup`, `${backup}.backup`);
  log(`[${stack}] state moved (${count(remote)} resources); the local file is kept as ${backup}`);
  return { resources: count(remote), backup };
}
