import * as fs from 'fs';
import * as path from 'path';
import { withReference } from '../../config/emit-reference';
import { configJsonSchema } from '../../config/reference';
import { config as sample } from '../../config/rampart.config';
import { loadConfig } from '../../config/load';
import { tempDir } from '../helpers/synth';

const ROOT = path.resolve(__dirname, '../..');

describe('one schema: README reference and rampart.schema.json are generated from it', () => {
  test('the README config reference matches the schema (run `npm run config-docs` after changing it)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withReference(readme));
  });

  test('rampart.schema.json matches the schema (run `npm run config-docs` after changing it)', () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'rampart.schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  test('the JSON Schema is strict and knows every top-level section', () => {
    const schema = configJsonSchema() as { additionalProperties?: boolean; required?: string[]; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['prefix', 'platform', 'org', 'bootstrap', 'github', 'environments']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'state', 'regions']));
  });

  test('a config file may name the schema, and a byte order mark is accepted', () => {
    const file = path.join(tempDir('schema-ref'), 'config.json');
    fs.writeFileSync(file, `\ufeff${JSON.stringify({ $schema: './rampart.schema.json', ...sample })}`);
    expect(loadConfig(file).prefix).toBe('acme');
  });
});
