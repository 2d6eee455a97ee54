import { threadId } from 'node:worker_threads';
import { beforeAll, expect, test } from 'vitest';
import { fib } from './22-cpu-bound.task.ts';
import { main, N, SWEEP, type Result } from './22-cpu-bound.ts';

let result: Result;
beforeAll(async () => { result = await main(); }, 120_000);

test('fib is the real Fibonacci function', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 10, 20].map(fib))
    .toEqual([0, 1, 1, 2, 3, 5, 8, 55, 6765]);
  expect(fib(34)).toBe(5_702_887); // the book's printed value
});

test("the book's sweep: N = 1..4, raw workers then a pool", () => {
  expect(result.runs.map((r) => `${r.way}/${r.jobs}`)).toEqual(
    SWEEP.flatMap((n) => [`workers/${n}`, `pool/${n}`]));
});

test('every job computes fib(N), off the main thread', () => {
  for (const run of result.runs) {
    expect(run.done.map((d) => d.value))
      .toEqual(Array(run.jobs).fill(fib(N)));
    expect(run.done.map((d) => d.threadId)).not.toContain(threadId);
  }
});

test('raw workers: one thread per job; the pool: no more than N', () => {
  for (const run of result.runs) {
    const threads = new Set(run.done.map((d) => d.threadId)).size;
    if (run.way === 'workers') expect(threads).toBe(run.jobs);
    else {
      expect(threads).toBeGreaterThanOrEqual(1);
      expect(threads).toBeLessThanOrEqual(run.jobs);
    }
  }
});
