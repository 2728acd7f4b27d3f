import { terraform } from '../terraform/run';

/** One resource whose real state differs from the state Terraform recorded. */
export interface DriftedResource {
  readonly address: string;
  /** `update`, `delete`, ... as Terraform reports the drift. */
  readonly actions: readonly string[];
}

/** Drift of one stack. */
export interface StackDrift {
  readonly stack: string;
  readonly drifted: readonly DriftedResource[];
  /** Set when the refresh-only plan itself failed. */
  readonly error?: string;
}

/**
 * `terraform plan -refresh-only -json` on one synthesised stack directory (initialised first):
 * the resources whose real infrastructure differs from the recorded state, read from Terraform's
 * `resource_drift` messages.
 */
export async function stackDrift(stack: string, dir: string, env: NodeJS.ProcessEnv = {}): Promise<StackDrift> {
  try {
    await terraform(dir, ['init', '-input=false', '-no-color'], { stack, env });
    const r = await terraform(dir, ['plan', '-refresh-only', '-detailed-exitcode', '-input=false', '-no-color', '-lock=false', '-json'], { stack, env, okCodes: [0, 2] });
    return { stack, drifted: parseDrift(r.stdout) };
  } catch (e) {
    return { stack, drifted: [], error: (e as Error).message };
  }
}

/** The `resource_drift` messages of `terraform plan -json` output. */
export function parseDrift(jsonLines: string): DriftedResource[] {
  const drifted: DriftedResource[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line) as { type?: string; change?: { resource?: { addr?: string }; action?: string } };
    if (m.type === 'resource_drift' && m.change?.resource?.addr) drifted.push({ address: m.change.resource.addr, actions: [m.change.action ?? 'update'] });
  }
  return drifted;
}

/** Human summary, one block per stack; and whether any stack drifted or failed. */
export function formatDrift(results: readonly StackDrift[]): { text: string; drifted: boolean } {
  const lines: string[] = [];
  for (const r of results) {
    if (r.error) lines.push(`[${r.stack}] refresh-only plan failed:\n${r.error}`);
    else if (r.drifted.length === 0) lines.push(`[${r.stack}] no drift`);
    else lines.push(`[${r.stack}] ${r.drifted.length} resource(s) drifted:`, ...r.drifted.map((d) => `[${r.stack}]   ${d.address} (${d.actions.join(', ')})`));
  }
  return { text: lines.join('\n'), drifted: results.some((r) => r.error !== undefined || r.drifted.length > 0) };
}
