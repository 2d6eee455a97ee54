import { expect, test } from 'vitest';
import { empty, fibonacci } from './20-cost.task.ts';
import { COUNTS, FIB_ITERATIONS, FILE_BYTES, main } from './20-cost.ts';

test('the Fibonacci workload is exact', () => {
  expect([0, 1, 2, 3, 10, 20].map(fibonacci)).toEqual([0, 1, 1, 2, 55, 6765]);
  // Past fib(44) the numbers are reduced modulo 1e9 + 7.
  expect(fibonacci(50)).toBe(12_586_269_025 % 1_000_000_007);
  expect(empty()).toBe(0);
});

test('n workers start, and answer exactly as n serial calls do',
  async () => {
    const { rows, startupMs } = await main();
    const expected: Record<string, number> = {
      'empty function': 0,
      [`fibonacci(${FIB_ITERATIONS})`]: fibonacci(FIB_ITERATIONS),
      'read 1 KB x 1000': FILE_BYTES,
    };
    expect(rows.map((r) => `${r.workload}/${r.n}`)).toEqual(
      Object.keys(expected).flatMap((w) => COUNTS.map((n) => `${w}/${n}`)));
    for (const row of rows) {
      const all = Array(row.n).fill(expected[row.workload]);
      expect(row.answers.serial).toEqual(all);
      expect(row.answers.workers).toEqual(all);
      // Promise.all is measured only where there is waiting to overlap.
      if (row.workload.startsWith('read')) {
        expect(row.answers.async).toEqual(all);
      } else {
        expect(row.answers.async).toBeUndefined();
      }
    }
    expect(startupMs.js).toBeGreaterThan(0);
    expect(startupMs.ts).toBeGreaterThan(0);
  }, 90_000);
