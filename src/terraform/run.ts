import { spawn } from 'child_process';
import { terraformEnv } from './cli-config';

/** What one terraform command did. */
export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Prefixes every line of a text with `[stack] `. */
export function prefixLines(stack: string, text: string): string {
  return text
    .split('\n')
    .map((line) => `[${stack}] ${line}`.trimEnd())
    .join('\n');
}

/**
 * Raised when terraform exits with an unexpected code. The message names the stack and the
 * command, and carries terraform's own output (stderr, else stdout) with every line prefixed by
 * `[stack]`, so that output from several stacks stays attributable.
 */
export class TerraformError extends Error {
  constructor(
    public readonly stack: string,
    public readonly args: readonly string[],
    public readonly result: TerraformResult,
    summary?: string,
  ) {
    super(`[${stack}] ${summary ?? `terraform ${args.join(' ')} failed (exit ${result.code})`}:\n${prefixLines(stack, (result.stderr.trim() || result.stdout).trim())}`);
    this.name = 'TerraformError';
  }
}

export interface RunOptions {
  /** Name shown in errors and progress. */
  readonly stack: string;
  /** Extra environment variables. */
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success. @default [0] */
  readonly okCodes?: readonly number[];
  /** Called with each complete line terraform prints on stdout or stderr (for progress). */
  readonly onLine?: (line: string) => void;
  /**
   * Longest the command may run. Then terraform is interrupted (SIGINT, so it releases its state
   * lock and saves state), killed 30 s later if still running, and the run rejects. @default no limit
   */
  readonly timeoutMs?: number;
}

/** Runs terraform in a directory and resolves with its output; rejects with TerraformError otherwise. */
export function terraform(cwd: string, args: readonly string[], options: RunOptions): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env: terraformEnv({ ...process.env, ...options.env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const pending = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr', text: string, flush = false): void => {
      if (!options.onLine) return;
      const lines = (pending[stream] + text).split('\n');
      pending[stream] = flush ? '' : (lines.pop() ?? '');
      for (const line of lines) if (line !== '') options.onLine(line);
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      feed('stdout', d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      feed('stderr', d.toString());
    });
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGINT');
          killer = setTimeout(() => child.kill('SIGKILL'), 30000);
        }, options.timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (killer) clearTimeout(killer);
      feed('stdout', '', true);
      feed('stderr', '', true);
      const result = { code: code ?? 1, stdout, stderr };
      if (timedOut) reject(new TerraformError(options.stack, args, result, `terraform ${args[0]} did not finish within ${options.timeoutMs! / 1000} s and was interrupted`));
      else if ((options.okCodes ?? [0]).includes(result.code)) resolve(result);
      else reject(new TerraformError(options.stack, args, result));
    });
  });
}

/** `terraform init -backend=false` then `terraform validate -json`; rejects with terraform's diagnostics. */
export async function validateStack(dir: string, stack: string): Promise<void> {
  await terraform(dir, ['init', '-backend=false', '-input=false', '-no-color'], { stack });
  const result = await terraform(dir, ['validate', '-json', '-no-color'], { stack, okCodes: [0, 1] });
  const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Array<{ severity: string; summary: string; detail?: string; address?: string }> };
  if (!report.valid) {
    const lines = report.diagnostics.map((d) => `  ${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}${d.detail ? ` - ${d.detail}` : ''}`);
    throw new TerraformError(stack, ['validate'], { code: 1, stdout: '', stderr: lines.join('\n') });
  }
}
