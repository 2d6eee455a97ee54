import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './09-lock-granularity.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
}, 60_000);

const THREADS = [1, 2, 3, 4];

test('each thread logs running then over, exactly once', () => {
  const { wholeRun, firstPrintOnly } = result;
  for (const { log } of [wholeRun, firstPrintOnly]) {
    expect(log.filter((e) => e > 0).sort()).toEqual(THREADS);
    expect(log.filter((e) => e < 0).map((e) => -e).sort()).toEqual(THREADS);
    // A thread's "over" never comes before its own "running".
    for (const n of THREADS) {
      expect(log.indexOf(n)).toBeLessThan(log.indexOf(-n));
    }
  }
});

test('whole run locked: serialised; first print only: overlapping',
  () => {
    // Counters, not clocks: the log order and the sleep gauge.
    const { wholeRun, firstPrintOnly } = result;
    expect(wholeRun.alternates).toBe(true);
    expect(wholeRun.peakAsleep).toBe(1);
    expect(firstPrintOnly.alternates).toBe(false);
    expect(firstPrintOnly.peakAsleep).toBeGreaterThan(1);
    expect(firstPrintOnly.peakAsleep).toBeLessThanOrEqual(THREADS.length);
  });
