import { beforeAll, expect, test } from 'vitest';
import { ITEMS, main, type Result } from './15-event.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test("the book's draws: 5 items from 0..100", () => {
  expect(ITEMS).toHaveLength(5);
  for (const item of ITEMS) {
    expect(item).toBeGreaterThanOrEqual(0);
    expect(item).toBeLessThanOrEqual(100);
  }
});

test('the fixed consumer takes every item once, in order, then ends', () => {
  // main() resolving means both workers exited: the consumer ended.
  expect(result.consumed).toEqual(result.produced);
});
