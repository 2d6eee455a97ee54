import { expect, test } from 'vitest';
import { randomInts } from '../src/index.ts';

test('the same seed gives the same integers, within 0..max', () => {
  const a = randomInts(1000, 256, 42);
  expect(randomInts(1000, 256, 42)).toEqual(a);
  expect(a.every((x) => Number.isInteger(x) && x >= 0 && x <= 256))
    .toBe(true);
  // The first items threads/queue prints.
  expect(a.slice(0, 5)).toEqual([166, 134, 50, 93, 66]);
  expect(randomInts(5, 256, 43)).not.toEqual(a.slice(0, 5));
});
