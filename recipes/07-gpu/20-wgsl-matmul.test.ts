import { expect, test } from 'vitest';
import { main } from './20-wgsl-matmul.ts';

test('the tiled WGSL product matches float64 within f32 tolerance',
  async () => {
    for (const n of [16, 64]) {
      const r = await main(n);
      expect(r.error).toBeLessThanOrEqual(r.tolerance);
      // Not vacuous: the tiles really hold data (a wrong barrier or
      // index gives errors of order 1, far above this).
      expect(r.tolerance).toBeLessThan(1e-2);
    }
  }, 60_000);
