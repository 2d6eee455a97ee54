import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  exited,
  forkTs,
  isAlive,
  isEntry,
  join,
  joinAll,
  killGroup,
  nextMessage,
  pool,
  spawnGroup,
  spawnWorker,
} from '../src/index.ts';

const run = promisify(execFile);
const here = (file: string): URL => new URL(file, import.meta.url);

describe('inside vitest', () => {
  test('spawnWorker runs a .ts worker and passes its input', async () => {
    const worker = spawnWorker(here('./echo-worker.ts'), { n: 21 });
    expect(await nextMessage(worker)).toBe(42);
    expect(await join(worker)).toBe(0);
  });

  test('join works even after the worker has already exited', async () => {
    const worker = spawnWorker(here('./echo-worker.ts'), { n: 1 });
    await nextMessage(worker);
    await new Promise((r) => setTimeout(r, 300)); // it exits meanwhile
    expect(await join(worker)).toBe(0);
  });

  test('joinAll rejects on a failing worker and stops the others', async () => {
    const good = spawnWorker(here('./idle-worker.ts'));
    const bad = spawnWorker(here('./echo-worker.ts'), { n: -1 });
    await expect(joinAll([good, bad])).rejects.toThrow('negative input');
    expect(good.threadId).toBe(-1); // terminated: no thread left
  });

  test('pool() runs a .ts task in piscina', async () => {
    const tasks = pool(here('./double.task.ts'), { maxThreads: 2 });
    try {
      const results = await Promise.all([1, 2, 3].map((n) => tasks.run(n)));
      expect(results).toEqual([2, 4, 6]);
    } finally {
      await tasks.destroy();
    }
  });

  test('forkTs runs a .ts child and reports its exit code', async () => {
    const child = forkTs(here('./child.ts'), ['3'], { stdio: 'ignore' });
    expect(await exited(child)).toEqual({ code: 3, signal: null });
  });

  test('killGroup stops a child and its grandchild', async () => {
    const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url);
    const child = spawnGroup(tsx.pathname, [here('./group-parent.ts').pathname], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout! });
      const [line] = (await once(lines, 'line')) as [string];
      const pids = JSON.parse(line) as { parent: number; grandchild: number };
      expect(isAlive(pids.grandchild)).toBe(true);
      expect(killGroup(child)).toBe(true);
      await exited(child);
      const gone = { timeout: 5_000 };
      await expect.poll(() => isAlive(pids.parent), gone).toBe(false);
      await expect.poll(() => isAlive(pids.grandchild), gone).toBe(false);
    } finally {
      killGroup(child, 'SIGKILL');
    }
  });

  test('isEntry is false for an imported module', () => {
    expect(isEntry(import.meta.url)).toBe(false);
  });
});

describe('under tsx, as a reader runs it', () => {
  test('worker, pool and fork helpers all work', async () => {
    const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url);
    const { stdout } = await run(
      tsx.pathname,
      [here('./helpers-under-tsx.ts').pathname],
      { timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      doubled: 42,
      code: 0,
      pooled: 8,
      childCode: 7,
      entry: true,
    });
  });
});
