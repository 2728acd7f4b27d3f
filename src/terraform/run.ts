import { spawn } from 'child_process';
import { terraformEnv } from './cli-config';

/** What one terraform command did. */
export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Raised when terraform exits non-zero; the message carries the stack name and terraform's own output. */
export class TerraformError extends Error {
  constructor(public readonly stack: string, public readonly args: readonly string[], public readonly result: TerraformResult) {
    super(`[${stack}] terraform ${args.join(' ')} failed (exit ${result.code}):\n${(result.stderr || result.stdout).trim()}`);
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
}

/** Runs terraform in a directory and resolves with its output; rejects with TerraformError otherwise. */
export function terraform(cwd: string, args: readonly string[], options: RunOptions): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env: terraformEnv({ ...process.env, ...options.env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if ((options.okCodes ?? [0]).includes(result.code)) resolve(result);
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
