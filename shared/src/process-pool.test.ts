import { afterEach, expect, test, vi } from 'vitest';
import { isAlive } from './processes.ts';
import {
  ChildDiedError,
  ProcessPool,
  TaskError,
} from './process-pool.ts';
import type { Command } from './process-pool.test-task.ts';

const TASK = new URL('./process-pool.test-task.ts', import.meta.url);

// Every test starts TypeScript children: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

// Every pid any test started; none may survive its test.
const started = new Set<number>();
const pools: ProcessPool[] = [];

function open(size = 2): ProcessPool {
  const pool = new ProcessPool(TASK, { size });
  pools.push(pool);
  for (const pid of pool.pids) started.add(pid);
  return pool;
}

afterEach(async () => {
  await Promise.allSettled(pools.splice(0).map((p) => p.close()));
  expect([...started].filter(isAlive)).toEqual([]);
  started.clear();
});

test('map returns results in input order from more than one child', async () => {
  const pool = open(2);
  await pool.ready();
  const squares = await pool.map<Command, number>(
    Array.from({ length: 100 }, (_, n) => ({ op: 'square', n })));
  expect(squares).toEqual(Array.from({ length: 100 }, (_, n) => n * n));

  // Two slow tasks at once land on two different children.
  const pids = await Promise.all([
    pool.run<Command, number>({ op: 'sleep', ms: 200 }),
    pool.run<Command, number>({ op: 'sleep', ms: 200 }),
  ]);
  expect(new Set(pids).size).toBe(2);
  expect(pids).not.toContain(process.pid);
  expect(pool.size).toBe(2);
});

test('advanced serialization keeps BigInt, Map, Date and typed arrays', async () => {
  const pool = open(1);
  const value = {
    big: 2n ** 70n,
    map: new Map([['a', 1]]),
    when: new Date(0),
    bytes: new Uint8Array([1, 2, 3]),
  };
  await expect(pool.run({ op: 'echo', value })).resolves.toEqual(value);
});

test("a task's error arrives with its name and message", async () => {
  const pool = open(1);
  const [pid] = pool.pids;
  const error: unknown = await pool
    .run({ op: 'throw', name: 'RangeError', message: 'too big' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TaskError);
  expect(error).toMatchObject({ name: 'RangeError', message: 'too big', pid });
  // The child survives its task's error and takes the next task.
  await expect(pool.run({ op: 'pid' })).resolves.toBe(pid);
});

test('a child that dies is named, and replaced', async () => {
  const pool = open(1);
  const [pid] = pool.pids;
  const error: unknown = await pool
    .run({ op: 'exit', code: 3 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ChildDiedError);
  expect((error as Error).message).toBe(
    `process pool child ${pid} died (code 3) while running a task`);
  const next = await pool.run<Command, number>({ op: 'pid' });
  started.add(next);
  expect(next).not.toBe(pid);
  expect(pool.pids).toEqual([next]);
});

test('abort: a queued task leaves the queue, a running one costs its child', async () => {
  const pool = open(1);
  await pool.ready();
  const [pid] = pool.pids;
  const running = new AbortController();
  const queued = new AbortController();
  const slow = pool.run({ op: 'sleep', ms: 10_000 }, running);
  const waiting = pool.run({ op: 'pid' }, queued);
  queued.abort();
  await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  running.abort();
  await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
  const next = await pool.run<Command, number>({ op: 'pid' });
  started.add(next);
  expect(next).not.toBe(pid);
  expect(isAlive(pid!)).toBe(false);
});

test('close waits for queued tasks, then every child exits', async () => {
  const pool = open(2);
  const pids = pool.pids;
  const results = pool.map<Command, number>(
    [1, 2, 3, 4, 5].map((n) => ({ op: 'square', n })));
  await pool.close();
  await expect(results).resolves.toEqual([1, 4, 9, 16, 25]);
  expect(pids.filter(isAlive)).toEqual([]);
  await expect(pool.run({ op: 'pid' })).rejects.toThrow('closed');
});

test('a task module that does not load fails ready() and run()', async () => {
  const pool = new ProcessPool(new URL('./no-such-module.ts', TASK));
  pools.push(pool);
  for (const pid of pool.pids) started.add(pid);
  await expect(pool.ready()).rejects.toThrow(/no-such-module/);
  await expect(pool.run(1)).rejects.toThrow(/no-such-module/);
  expect(pool.pids).toEqual([]);
});

test('a killed parent leaves no child behind', async () => {
  const { fork } = await import('node:child_process');
  const { TSX_EXEC_ARGV } = await import('./workers.ts');
  const parent = fork(new URL('./process-pool.test-parent.ts', TASK), [], {
    execArgv: [...TSX_EXEC_ARGV],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pids = await new Promise<number[]>((resolve) =>
    parent.once('message', (m) => resolve(m as number[])));
  for (const pid of pids) started.add(pid);
  expect(pids.every(isAlive)).toBe(true);
  parent.kill('SIGKILL');
  // The children notice their closed channel and exit.
  const deadline = Date.now() + 10_000;
  while (pids.some(isAlive) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(pids.filter(isAlive)).toEqual([]);
});
