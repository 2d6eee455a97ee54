import { beforeAll, expect, test } from 'vitest';
import { BOOK_PAIRS, BOOK_RATES } from '@cookbook/shared/services/rate-stub';
import { main, type Result } from './21-io-fanout.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test("every way fetches the book's rates, in pair order", () => {
  const expected = BOOK_PAIRS.map((p) => BOOK_RATES[p]);
  expect(result.phases.map((p) => p.way))
    .toEqual(['workers', 'sequential', 'Promise.all']);
  for (const phase of result.phases) expect(phase.rates).toEqual(expected);
});

test('the queue hands over each pair exactly once', () => {
  expect([...result.arrivals].sort()).toEqual([...BOOK_PAIRS].sort());
});

test('the server sees overlap only when we ask for it', () => {
  // Counted at the server, not timed: the loop never has two requests
  // open; Promise.all has all three open at once (each answer waits
  // 380 ms, far longer than sending the rest takes). Workers start at
  // different moments, so any count from 1 to 3 is possible there.
  const peak = Object.fromEntries(
    result.phases.map((p) => [p.way, p.peakInFlight]));
  expect(peak['sequential']).toBe(1);
  expect(peak['Promise.all']).toBe(BOOK_PAIRS.length);
  expect(peak['workers']).toBeGreaterThanOrEqual(1);
  expect(peak['workers']).toBeLessThanOrEqual(BOOK_PAIRS.length);
});
