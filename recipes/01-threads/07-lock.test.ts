import { beforeAll, expect, test } from 'vitest';
import { COUNT, main, type Result } from './07-lock.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('under the lock, +COUNT and -COUNT cancel exactly', () => {
  expect(result.locked).toBe(0);
});

test('without it, only the bounds are certain', () => {
  // Each lost update drops one thread's step, so the end value is an
  // integer from -COUNT (every increment lost) to +COUNT; which one
  // depends on the interleaving, so that is all we may assert.
  expect(Number.isInteger(result.unlocked)).toBe(true);
  expect(result.unlocked).toBeGreaterThanOrEqual(-COUNT);
  expect(result.unlocked).toBeLessThanOrEqual(COUNT);
});
