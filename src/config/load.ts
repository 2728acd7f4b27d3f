import * as fs from 'fs';
import { RampartValidationErrors } from '@rampart/core';
import { config as defaultConfig } from './rampart.config';
import { RampartConfig } from './types';
import { validateConfig } from './validate';

/**
 * Loads and validates the configuration. With a path, reads that JSON file instead of the
 * built-in `rampart.config.ts`. Throws RampartValidationErrors listing every bad field.
 */
export function loadConfig(path?: string): RampartConfig {
  let raw: unknown = defaultConfig;
  if (path) {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (e) {
      throw new RampartValidationErrors([{ code: 'CONFIG_FILE', path: '(config file)', value: path, rule: `must be a readable file (${(e as Error).message})` }], 'Invalid configuration');
    }
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new RampartValidationErrors([{ code: 'CONFIG_FILE', path: '(config file)', value: path, rule: `must be valid JSON (${(e as Error).message})` }], 'Invalid configuration');
    }
  }
  const issues = validateConfig(raw);
  if (issues.length > 0) throw new RampartValidationErrors(issues, 'Invalid configuration');
  return raw as RampartConfig;
}
