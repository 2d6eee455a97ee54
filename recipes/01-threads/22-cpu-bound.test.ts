import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { fib } from './22-cpu-bound.task.ts';
import { JOBS, main, N } from './22-cpu-bound.ts';

test('fib is the real Fibonacci function', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 10, 20].map(fib))
    .toEqual([0, 1, 1, 2, 3, 5, 8, 55, 6765]);
  expect(fib(34)).toBe(5_702_887); // the book's printed value
});

test('every way, at every size, computes fib(N) once per job', async () => {
  const { expected, runs } = await main();
  expect(expected).toBe(fib(N));
  expect(runs.map((r) => `${r.way}/${r.jobs}`)).toEqual(JOBS.flatMap(
    (j) => [`serial/${j}`, `workers/${j}`, `pool/${j}`]));
  for (const run of runs) {
    expect(run.values).toEqual(Array(run.jobs).fill(expected));
  }

  // Raw workers: one job per worker, each on its own thread, none on
  // the main thread; the serial runs stay on the main thread.
  for (const run of runs) {
    if (run.way === 'serial') {
      expect(new Set(run.threadIds)).toEqual(new Set([threadId]));
    } else {
      expect(run.threadIds).not.toContain(threadId);
    }
    if (run.way === 'workers') {
      expect(new Set(run.threadIds).size).toBe(run.jobs);
    }
  }
}, 60_000);
