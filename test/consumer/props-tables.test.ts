import { plan, render, tablesFor, START, END } from '../../scripts/props-tables';
import * as path from 'path';

// The props tables in the module READMEs are generated from the code (scripts/props-tables.js).
describe('generated props tables', () => {
  test.each(plan().map((p) => [p.module, p] as const))('modules/%s/README.md is up to date (run `node scripts/props-tables.js`)', (_m, p) => {
    expect(p.current).toBe(p.expected);
  });

  test('a table lists each prop with its type, @default and description, and a changed prop makes the README stale', () => {
    const tables = tablesFor(path.join(__dirname, '../../modules/monitoring'));
    const topic = tables.find((t) => t.startsWith('### `AlertTopicProps`'))!;
    expect(topic).toContain('| `key` (required) | `IKmsKey` | — |');
    expect(topic).toMatch(/\| `subscriptions` \| `readonly AlertSubscription\[\]` \| - none/);
    const readme = render('# x\n', tables);
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    expect(render(readme, tables)).toBe(readme);
    expect(render(readme, tables.slice(1))).not.toBe(readme);
  });
});
