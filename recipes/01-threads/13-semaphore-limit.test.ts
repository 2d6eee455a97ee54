import { beforeAll, expect, test } from 'vitest';
import { main, PERMITS, type Result } from './13-semaphore-limit.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('Semaphore(2): two held a permit at once, never three', () => {
  // An Atomics gauge, not a clock: 2 proves permits were shared (all
  // four queued at a barrier and hold for 20 ms, so two always meet);
  // no more than 2 proves the semaphore capped them.
  expect(result.peakHolders).toBe(PERMITS);
});

test('every permit comes back', () => {
  expect(result.permitsLeft).toBe(PERMITS);
});
