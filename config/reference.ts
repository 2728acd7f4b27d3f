import { z } from 'zod';
import { RampartConfigSchema } from './schema';

/** Markers around the generated config reference in README.md. */
export const REFERENCE_START = '<!-- config-reference:start (generated from config/schema.ts by `npm run config-docs`; do not edit) -->';
export const REFERENCE_END = '<!-- config-reference:end -->';

/** The JSON Schema of the config file, for editors (`"$schema": "./rampart.schema.json"`). */
export function configJsonSchema(): Record<string, unknown> {
  return { ...(z.toJSONSchema(RampartConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>), title: 'Rampart configuration' };
}

/** The README's config reference: one row per field, from the schema. */
export function configReference(): string {
  const rows: string[] = ['| field | type | required | default | description |', '|---|---|---|---|---|'];
  walk(RampartConfigSchema, '', rows);
  return rows.join('\n');
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; entries?: Record<string, string> };

function walk(schema: z.ZodType, path: string, rows: string[]): void {
  const def = schema._zod.def as unknown as Def;
  if (def.type === 'object') {
    for (const [key, field] of Object.entries(def.shape ?? {})) {
      const optional = field._zod.def.type === 'optional';
      const inner = optional ? ((field._zod.def as unknown as Def).innerType as z.ZodType) : field;
      const meta = (field.meta() ?? inner.meta() ?? {}) as { description?: string; default?: unknown };
      const at = path ? `${path}.${key}` : key;
      rows.push(`| \`${at}\` | ${typeName(inner)} | ${optional ? 'no' : 'yes'} | ${meta.default === undefined ? '' : escape(formatDefault(meta.default))} | ${escape(meta.description ?? '')} |`);
      walk(inner, at, rows);
    }
  } else if (def.type === 'array' && def.element) {
    walk(def.element, `${path}[]`, rows);
  } else if (def.type === 'record' && def.valueType) {
    walk(def.valueType, `${path}.<name>`, rows);
  }
}

function typeName(schema: z.ZodType): string {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {})
        .map((v) => `\`${v}\``)
        .join(' \\| ');
    case 'array':
      return `list of ${typeName(def.element!)}`;
    case 'record':
      return `map of ${typeName(def.valueType!)}`;
    case 'object':
      return 'object';
    case 'unknown':
      return 'object';
    default:
      return def.type;
  }
}

function formatDefault(value: unknown): string {
  if (typeof value === 'string') return value.startsWith('- ') ? value.slice(2) : `\`${value}\``;
  return `\`${JSON.stringify(value)}\``;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
