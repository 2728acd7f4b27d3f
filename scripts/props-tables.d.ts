// Types of scripts/props-tables.js, for its test.
export const START: string;
export const END: string;
export function tablesFor(moduleDir: string): string[];
export function render(readme: string, tables: string[]): string;
export function plan(): Array<{ module: string; file: string; current: string; expected: string }>;
