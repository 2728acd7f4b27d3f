#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { formatNetworkCost } from '@rampart/network';
import { buildApp } from './app';
import { loadConfig } from './config/load';
import { deploymentFromEnv } from './local/target';

/**
 * The cdktf app entry (run precompiled: `node dist/src/main.js`).
 *
 * Config comes from src/config/rampart.config.ts, or from the JSON file named by
 * `--config <file>` or RAMPART_CONFIG. The app synthesises into a staging directory beside the
 * output and swaps it in only when every stack succeeded, so a failure never leaves a
 * half-written cdktf.out.
 */
function main(argv: string[]): number {
  const flag = argv.indexOf('--config');
  const configPath = flag >= 0 ? argv[flag + 1] : process.env.RAMPART_CONFIG;
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const staging = `${outdir}.staging-${process.pid}`;
  try {
    const config = loadConfig(configPath);
    fs.rmSync(staging, { recursive: true, force: true });
    const { app, stacks } = buildApp(config, { outdir: staging, deployment: deploymentFromEnv() });
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    process.stdout.write(`Synthesised ${fs.readdirSync(path.join(outdir, 'stacks')).sort().join(', ')} into ${path.relative(process.cwd(), outdir) || '.'}\n`);
    for (const [name, stack] of Object.entries(stacks.environments)) {
      process.stdout.write(`${formatNetworkCost(name, stack.network.costEstimate)}\n`);
    }
    return 0;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (e instanceof RampartValidationErrors || e instanceof RampartValidationError) {
      process.stderr.write(`rampart: ${e.message}\nNothing was written.\n`);
      return 1;
    }
    process.stderr.write(`rampart: synth failed, nothing was written:\n${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
