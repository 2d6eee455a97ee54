import { beforeAll, expect, test } from 'vitest';
import {
  FETCHES, FIB_ITERATIONS, fibonacci, run,
} from './20-cost.task.ts';
import { FILE_BYTES, main, type Result } from './20-cost.ts';

// One repeat and n = 1, 2 are enough to check answers and bounds (each
// worker start costs); the recipe itself keeps the book's 1, 2, 4, 8.
const COUNTS = [1, 2];
let result: Result;
beforeAll(async () => { result = await main(1, COUNTS); }, 180_000);

test('the Fibonacci workload is exact', async () => {
  expect([0, 1, 2, 3, 10, 20].map(fibonacci)).toEqual([0, 1, 1, 2, 55, 6765]);
  // Past fib(44) the numbers are reduced modulo 1e9 + 7.
  expect(fibonacci(50)).toBe(12_586_269_025 % 1_000_000_007);
  expect(await run({ kind: 'empty' })).toBe(0);
});

test('every way, at every n, answers exactly as n serial calls do', () => {
  const expected: Record<string, number> = {
    'empty function': 0,
    [`fibonacci(${FIB_ITERATIONS})`]: fibonacci(FIB_ITERATIONS),
    'read 1 KB x 1000': FILE_BYTES,
    [`fetch x ${FETCHES}`]: FETCHES,
  };
  for (const row of result.rows) {
    expect(row.answers).toEqual(
      COUNTS.map((n) => Array(n).fill(expected[row.workload])));
  }
});

test('Promise.all only where there is waiting to overlap', () => {
  const ways = (w: string) => result.rows.filter((r) => r.workload === w)
    .map((r) => r.way);
  expect(ways('empty function')).toEqual(['serial', 'workers']);
  expect(ways(`fetch x ${FETCHES}`))
    .toEqual(['serial', 'workers', 'Promise.all']);
});

test('a worker costs more than an empty call, at every n', () => {
  // Not a timing race: an empty call takes microseconds, a worker's
  // start milliseconds, a gap of three orders of magnitude.
  const [serial, workers] = result.rows.slice(0, 2);
  for (const [i] of COUNTS.entries()) {
    expect(workers!.bestMs[i]).toBeGreaterThan(serial!.bestMs[i]!);
  }
});

test('serial fetches wait for every answer: at least 5 ms each', () => {
  // The stub delays each answer 5 ms, so n calls of 10 fetches in turn
  // cannot take less than n * 10 * 5 ms: a real lower bound.
  const row = result.rows.find((r) =>
    r.workload === `fetch x ${FETCHES}` && r.way === 'serial');
  for (const [i, n] of COUNTS.entries()) {
    expect(row!.bestMs[i]).toBeGreaterThanOrEqual(n * FETCHES * 5);
  }
});
