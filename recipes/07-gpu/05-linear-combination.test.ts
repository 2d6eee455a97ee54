import { expect, test } from 'vitest';
import { LENGTH, main } from './05-linear-combination.ts';

test('z = 5x + 6y matches float64 within float32 rounding', async () => {
  const r = await main();
  expect(r.z).toHaveLength(LENGTH);
  expect(r.tolerance).toBeLessThan(1e-5);
  expect(r.error).toBeLessThanOrEqual(r.tolerance);
}, 60_000);
