import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './15-event.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

test('a set+clear between check and sleep is lost by the naive wait',
  () => {
    // The interleaving is forced, so the outcome is certain: the naive
    // waiter's bounded wait times out, the generation waiter wakes.
    const { naiveWoke, generationWoke } = result;
    expect(naiveWoke).toBe(false);
    expect(generationWoke).toBe(true);
  });

test('the fixed consumer takes every item once, then ends', () => {
  // main() resolving means both workers exited: the consumer ended.
  const { produced, consumed } = result;
  expect(produced).toHaveLength(5);
  expect(consumed).toEqual(produced);
});
