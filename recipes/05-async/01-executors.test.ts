import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { ITEMS, ITERATIONS, main } from './01-executors.ts';
import { count } from './01-executors.task.ts';

test('both executors give the sequential results, in input order, '
  + 'from other threads and processes', async () => {
  const { sequential, threads, processes } = await main();
  const expected = ITEMS.map((item) => count(item, ITERATIONS));
  expect(expected[9]).toBe(100_000_000);
  for (const run of [sequential, threads, processes]) {
    expect(run.map((d) => d.item)).toEqual(ITEMS);
    expect(run.map((d) => d.result)).toEqual(expected);
  }
  // The sequential run stays here; the executors' do not.
  expect(new Set(sequential.map((d) => d.threadId))).toEqual(
    new Set([threadId]));
  expect(threads.map((d) => d.threadId)).not.toContain(threadId);
  expect(threads.every((d) => d.pid === process.pid)).toBe(true);
  expect(processes.map((d) => d.pid)).not.toContain(process.pid);
}, 120_000);
