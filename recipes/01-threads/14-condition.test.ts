import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './14-condition.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

const PRODUCED = Array.from({ length: 20 }, (_, i) => i + 1);

test('the consumer takes exactly what was produced, in order',
  () => {
    const { consumed } = result;
    expect(consumed).toEqual(PRODUCED);
  });

test('the buffer stays within 0..capacity and does fill up', () => {
  const { maxFill, minFill, fullWaits } = result;
  expect(maxFill).toBe(10);
  expect(minFill).toBe(0);
  // The consumer starts only after the producer found it full, so the
  // producer waited at least once: deterministic, not luck.
  expect(fullWaits).toBeGreaterThanOrEqual(1);
});
