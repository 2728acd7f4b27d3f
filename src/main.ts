#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { buildApp } from './app';
import { USAGE, UsageError, parseArgs } from '../config/args';
import { ConfigFileError, loadConfig } from '../config/load';
import { deploymentFromEnv } from './local/target';

/** Where main writes and what it reads besides its arguments. */
export interface MainIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes of the app. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/**
 * The cdktf app entry (cdktf.json builds incrementally, then runs `node dist/src/main.js`).
 *
 * Config comes from the JSON file named by `--config FILE`, `--config=FILE` or RAMPART_CONFIG,
 * or, only when none is named, from the built-in sample (stderr says so). The app synthesises
 * into a staging directory beside the output and swaps it in only when every stack succeeded, so
 * a failure never leaves a half-written cdktf.out. Returns the exit code: 0 written, 1 invalid
 * config or failed synth, 2 usage error (bad arguments, unreadable file).
 */
export function main(argv: readonly string[], io: MainIo = processIo()): number {
  const outdir = path.resolve(io.cwd, io.env.CDKTF_OUTDIR || 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  try {
    const source = parseArgs(argv, io.env);
    if (source.kind === 'sample') io.stderr('rampart: no config named (--config FILE or RAMPART_CONFIG); using the built-in sample config/rampart.config.ts\n');
    const config = loadConfig(source.kind === 'file' ? path.resolve(io.cwd, source.path) : undefined);
    fs.rmSync(staging, { recursive: true, force: true });
    const { app, stacks } = buildApp(config, { outdir: staging, deployment: deploymentFromEnv(io.env) });
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    io.stdout(`Synthesised ${fs.readdirSync(path.join(outdir, 'stacks')).sort().join(', ')} into ${path.relative(io.cwd, outdir) || '.'}\n`);
    for (const [name, stack] of Object.entries(stacks.environments)) {
      io.stdout(`${stack.fixedCostLine(name)}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (e instanceof UsageError) {
      io.stderr(`rampart: (command line): ${e.message} [USAGE]\n${USAGE}\nNothing was written.\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigFileError) {
      io.stderr(`rampart: ${e.message}\nNothing was written.\n`);
      return EXIT.usage;
    }
    if (e instanceof RampartValidationErrors || e instanceof RampartValidationError) {
      io.stderr(`rampart: ${e.message}\nNothing was written.\n`);
      return EXIT.invalid;
    }
    io.stderr(`rampart: synth failed, nothing was written:\n${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.invalid;
  }
}

function processIo(): MainIo {
  return { env: process.env, cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
