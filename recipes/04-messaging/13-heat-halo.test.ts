import { expect, test } from 'vitest';
import { main } from './13-heat-halo.ts';

test('the gathered plate equals the serial solver\'s, bit for bit',
  async () => {
    const { parallel, serial } = await main();
    expect(parallel).toHaveLength(66 * 66);
    expect(Array.from(parallel)).toEqual(Array.from(serial));
    // Heat has spread in from the top edge but not to the bottom.
    expect(parallel[1 * 66 + 32]!).toBeGreaterThan(10);
    expect(parallel[64 * 66 + 32]!).toBeLessThan(1e-3);
  });
