import * as fs from 'fs';
import * as path from 'path';
import { REFERENCE_END, REFERENCE_START, configJsonSchema, configReference } from './reference';

/**
 * Writes rampart.schema.json and the README's config reference from the schema
 * (`npm run config-docs`). test/config/config-reference.test.ts fails when either has drifted.
 */
export function emitReference(root: string): void {
  fs.writeFileSync(path.join(root, 'rampart.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  const readme = path.join(root, 'README.md');
  fs.writeFileSync(readme, withReference(fs.readFileSync(readme, 'utf8')));
}

/** The README text with its generated section replaced. */
export function withReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${REFERENCE_START} and ${REFERENCE_END}`);
  return `${readme.slice(0, start)}${REFERENCE_START}\n${configReference()}\n${readme.slice(end)}`;
}

if (require.main === module) emitReference(path.resolve(__dirname, '../..'));
