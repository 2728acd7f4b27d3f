#!/usr/bin/env node
import * as path from 'path';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { loadConfig } from '../../config/load';
import { LocalRunError, localDown, localUp } from './run';

const USAGE = `Usage: npm run local -- <command> [options]

Commands:
  up [stack...]    start the local AWS emulator and apply bootstrap, then the given stacks
                   (default: org and every environment), each in its own emulated account
                   and followed by a plan that must show no changes; prints the outputs
  down             destroy what up applied, stop the emulator, delete the run directory
  down --force     stop the emulator and delete the run directory without destroying

Options:
  --config <file>  JSON config instead of config/rampart.config.ts (or RAMPART_CONFIG)
  --dir <dir>      run directory (default .local/, or RAMPART_LOCAL_DIR)
  --verbose        print terraform's output, prefixed with the stack name
`;

/** `npm run local -- up|down`: the local AWS emulator target. */
async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--config', '--dir'].includes(argv[i - 1]));
  const [command, ...stacks] = positional;
  if (!command || flags.has('--help') || !['up', 'down'].includes(command)) {
    process.stderr.write(command && !flags.has('--help') ? `rampart local: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return command || flags.has('--help') ? (flags.has('--help') ? 0 : 2) : 2;
  }
  const workDir = path.resolve(value('--dir') ?? process.env.RAMPART_LOCAL_DIR ?? '.local');
  try {
    const config = loadConfig(value('--config') ?? process.env.RAMPART_CONFIG);
    const verbose = flags.has('--verbose');
    if (command === 'up') await localUp({ config, workDir, verbose, stacks: stacks.length > 0 ? stacks : undefined });
    else await localDown({ config, workDir, verbose, force: flags.has('--force') });
    return 0;
  } catch (e) {
    if (e instanceof RampartValidationErrors || e instanceof RampartValidationError) process.stderr.write(`rampart local: ${e.message}\n`);
    else if (e instanceof LocalRunError) process.stderr.write(`rampart local: ${e.message}\n`);
    else process.stderr.write(`rampart local: ${(e as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
