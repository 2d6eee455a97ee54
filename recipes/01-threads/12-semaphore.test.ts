import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './12-semaphore.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
}, 60_000);

test('Semaphore(0) hands over every item once, in order', () => {
  const { produced, consumed } = result;
  expect(produced).toHaveLength(10);
  expect(consumed).toEqual(produced);
});

test('Semaphore(2): peak concurrent holders is 2, never more',
  () => {
    // An Atomics gauge, not a clock: > 1 proves permits were shared,
    // <= 2 proves the semaphore capped them.
    const { peakHolders } = result;
    expect(peakHolders).toBeGreaterThan(1);
    expect(peakHolders).toBeLessThanOrEqual(2);
  });
