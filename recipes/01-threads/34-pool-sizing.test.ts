import { beforeAll, expect, test } from 'vitest';
import { countPrimes } from './30-pool-map.task.ts';
import { LIMIT, main, TASKS, type Result } from './34-pool-sizing.ts';

let result: Result;
beforeAll(async () => { result = await main(); }, 60_000);

test('one thread, one per core, two per core', () => {
  const { cores, rows } = result;
  expect(rows.map((r) => r.threads)).toEqual(
    [...new Set([1, cores, 2 * cores])]);
});

test('every pool size computes the same answers, and counts each task',
  () => {
    const serial = Array.from({ length: TASKS }, () => countPrimes(LIMIT));
    for (const row of result.rows) {
      expect(row.results).toEqual(serial);
      expect(row.completed).toBe(TASKS);
    }
  });

test('a pool runs as many tasks at once as it has threads, past the cores',
  () => {
    // A counter, not a clock: with 16 tasks of ~20 ms queued at once,
    // every thread holds one, even the ones beyond the core count; so
    // the extra threads can only be waiting for a core inside the OS.
    for (const row of result.rows) {
      expect(row.peakRunning).toBe(row.threads);
    }
    expect(result.rows.at(-1)!.peakRunning).toBeGreaterThan(result.cores);
  });
