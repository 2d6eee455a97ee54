import { expect, test } from 'vitest';
import { main, RATES } from './43-percall-worker.ts';

test('both ways return every pair; each call had its own instance',
  async () => {
    const result = await main();
    const expected = Object.entries(RATES);
    expect(result.sync).toEqual(expected);
    expect(result.async).toEqual(expected);
    expect(result.instances).toBe(2 * expected.length);
    // Counted by the server, not timed: one call at a time, then
    // several at once (all six unless the machine is very busy).
    expect(result.peakSync).toBe(1);
    expect(result.peakAsync).toBeGreaterThan(1);
    expect(result.peakAsync).toBeLessThanOrEqual(expected.length);
  });
