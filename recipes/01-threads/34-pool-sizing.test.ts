import { expect, test } from 'vitest';
import { CORES, LIMIT, main, SIZES, TASKS } from './34-pool-sizing.ts';
import { countPrimes } from './30-pool-map.task.ts';

test('every pool size computes the same answers and counts every task',
  async () => {
    const rows = await main();
    const serial = Array.from({ length: TASKS }, () => countPrimes(LIMIT));
    expect(rows.map((r) => r.threads)).toEqual(SIZES);
    expect(SIZES).toEqual([1, CORES, 2 * CORES]);
    for (const row of rows) {
      expect(row.results).toEqual(serial);
      // The warm-up's meeting tasks (one per thread) plus the batch.
      expect(row.completed).toBe(row.threads + TASKS);
      // The runTime histogram was reset after the warm-up.
      expect(row.runCount).toBe(TASKS);
    }
  }, 60_000);
