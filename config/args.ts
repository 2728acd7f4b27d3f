/** Where the config comes from, as the command line and environment name it. */
export type ConfigSource = { readonly kind: 'file'; readonly path: string; readonly from: '--config' | 'RAMPART_CONFIG' } | { readonly kind: 'sample' };

/** A command line Rampart's app cannot run with: exit code 2, nothing written. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = 'usage: node dist/src/main.js [--config FILE | --config=FILE]  (or RAMPART_CONFIG=FILE)';

/**
 * Reads the app's arguments: `--config FILE`, `--config=FILE`, or the RAMPART_CONFIG variable
 * (the flag wins when both are given). A missing or empty value, a repeated flag, an unknown
 * flag or any other argument is a UsageError. The built-in sample is chosen only when no config
 * is named at all; a config that was named is never replaced by it.
 */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConfigSource {
  let path: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === '--config') {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--config needs a file name');
      i++;
    } else if (arg.startsWith('--config=')) {
      value = arg.slice('--config='.length);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg.length > 60 ? `${arg.slice(0, 57)}...` : arg)}`);
    }
    if (value.trim() === '') throw new UsageError('--config needs a file name (it was given an empty one)');
    if (path !== undefined) throw new UsageError('--config may be given once');
    path = value;
  }
  if (path !== undefined) return { kind: 'file', path, from: '--config' };
  const fromEnv = env.RAMPART_CONFIG;
  if (fromEnv !== undefined) {
    if (fromEnv.trim() === '') throw new UsageError('RAMPART_CONFIG is set but empty: name a config file, or unset it to use the built-in sample');
    return { kind: 'file', path: fromEnv, from: 'RAMPART_CONFIG' };
  }
  return { kind: 'sample' };
}
