import * as fs from 'fs';
import { RampartValidationErrors, ValidationIssue } from '@rampart/core';
import { displayValue } from './issues';
import { CONFIG_LIMITS } from './limits';
import { config as sampleConfig } from './rampart.config';
import { parseStrictJson } from './strict-json';
import { RampartConfig } from './types';
import { checkConfig } from './validate';

/** The config file named could not be read at all: a usage error (exit 2), not a bad config. */
export class ConfigFileError extends RampartValidationErrors {
  constructor(issue: ValidationIssue) {
    super([issue], 'Cannot read the configuration');
    this.name = 'ConfigFileError';
  }
}

/**
 * Loads and checks a configuration. With a path, reads that JSON file (strictly: duplicate keys,
 * size and depth limits); without one, the built-in sample `rampart.config.ts`. Both go through
 * the same checks. Throws ConfigFileError when the file cannot be read, and RampartValidationErrors
 * listing every problem (at most CONFIG_LIMITS.maxProblems lines) otherwise.
 */
export function loadConfig(path?: string): RampartConfig {
  if (path === undefined) return checked(sampleConfig);
  return checked(readConfigFile(path), path);
}

/** Reads and strictly parses a JSON config file, without checking it against the schema. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > CONFIG_LIMITS.maxBytes) {
      throw new RampartValidationErrors([{ code: 'CONFIG_SIZE', path: '(config file)', value: `${stat.size} bytes`, rule: `must be at most ${CONFIG_LIMITS.maxBytes} bytes` }], invalid(path));
    }
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof RampartValidationErrors) throw e;
    throw new ConfigFileError({
      code: 'CONFIG_FILE',
      path: '(config file)',
      value: displayValue(path),
      rule: `must be a readable file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    });
  }
  const parsed = parseStrictJson(text);
  if (parsed.issues.length > 0) throw errors(parsed.issues, path);
  return parsed.value;
}

function checked(raw: unknown, path?: string): RampartConfig {
  const result = checkConfig(raw);
  if (!result.ok) throw errors(result.issues, path);
  return result.config;
}

function errors(issues: readonly ValidationIssue[], path?: string): RampartValidationErrors {
  const shown = issues.slice(0, CONFIG_LIMITS.maxProblems).map((i) => ({ ...i, value: displayValue(i.value) }));
  if (issues.length > shown.length) {
    shown.push({ code: 'MORE_PROBLEMS', path: '(config)', value: issues.length - shown.length, rule: 'further problems are not listed; fix the ones above first' });
  }
  const error = new RampartValidationErrors(shown, invalid(path));
  return Object.assign(error, { allIssues: issues });
}

function invalid(path?: string): string {
  return path === undefined ? 'Invalid configuration (built-in sample)' : 'Invalid configuration';
}
