import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inDependencyOrder } from '../../src/local/run';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('inDependencyOrder', () => {
  test('independent stacks run side by side; a stack waits for its dependencies', async () => {
    const events: string[] = [];
    await inDependencyOrder(['org', 'dev', 'prod'], { prod: ['org'] }, async (s) => {
      events.push(`start ${s}`);
      await tick();
      events.push(`end ${s}`);
    });
    expect(events.slice(0, 2)).toEqual(['start org', 'start dev']);
    expect(events.indexOf('start prod')).toBeGreaterThan(events.indexOf('end org'));
  });

  test('reverse order: a stack waits for the stacks that depend on it', async () => {
    const events: string[] = [];
    await inDependencyOrder(
      ['org', 'prod'],
      { prod: ['org'] },
      async (s) => {
        events.push(`start ${s}`);
        await tick();
        events.push(`end ${s}`);
      },
      { reverse: true },
    );
    expect(events).toEqual(['start prod', 'end prod', 'start org', 'end org']);
  });

  test('after a failure no further stack starts, running ones finish, and the first error is thrown', async () => {
    const started: string[] = [];
    const run = inDependencyOrder(['a', 'b', 'c'], { c: ['a'] }, async (s) => {
      started.push(s);
      await tick();
      if (s === 'a') throw new Error('a failed');
    });
    await expect(run).rejects.toThrow('a failed');
    expect(started).toEqual(['a', 'b']);
  });

  test('a cycle is reported', async () => {
    await expect(inDependencyOrder(['a', 'b'], { a: ['b'], b: ['a'] }, async () => undefined)).rejects.toThrow('cycle');
  });
});

describe('npm run local (command line)', () => {
  const cli = path.resolve(__dirname, '../../dist/src/local/cli.js');
  test('an unknown command prints the usage and exits 2', () => {
    const r = spawnSync(process.execPath, [cli, 'sideways'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "sideways"');
    expect(r.stderr).toContain('up [stack...]');
  });

  test('an unknown stack is refused before the emulator starts', () => {
    const dir = path.join(os.tmpdir(), `rampart-cli-${process.pid}`);
    const r = spawnSync(process.execPath, [cli, 'up', 'nowhere', '--dir', dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown stack(s) nowhere');
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('down without a run says so', () => {
    const dir = path.join(os.tmpdir(), `rampart-cli-down-${process.pid}`);
    const r = spawnSync(process.execPath, [cli, 'down', '--dir', dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing to take down');
  });
});
