import { expect, test } from 'vitest';
import { main } from './06-dot-product.ts';

test('map + pairwise passes give the exact integer dot product',
  async () => {
    const r = await main();
    // Integers below 2^24 are exact in float32: no tolerance needed.
    expect(r.dot).toBe(r.expected);
    expect(r.passes).toBe(9);
  }, 60_000);
