import { expect, test } from 'vitest';
import { main, PAIRS, RATES } from './21-io-fanout.ts';

test('every way fetches the stub rates, in pair order', async () => {
  const { pairs, phases } = await main();
  const expected = pairs.map((p) => RATES[p]);
  expect(pairs).toEqual(PAIRS);
  expect(phases.map((p) => p.way))
    .toEqual(['sequential', 'Promise.all', 'workers']);
  for (const phase of phases) expect(phase.rates).toEqual(expected);
});

test('the server sees overlap only when we ask for it', async () => {
  // Counted at the server, not timed: the sequential loop never has two
  // requests open; Promise.all has all of them open at once (each answer
  // waits 150 ms, far longer than sending the rest takes).
  const { phases } = await main();
  const peak = Object.fromEntries(phases.map((p) => [p.way, p.peakInFlight]));
  expect(peak['sequential']).toBe(1);
  expect(peak['Promise.all']).toBeGreaterThan(1);
  expect(peak['Promise.all']).toBeLessThanOrEqual(PAIRS.length);
  expect(peak['workers']).toBeGreaterThanOrEqual(1);
  expect(peak['workers']).toBeLessThanOrEqual(PAIRS.length);
});
