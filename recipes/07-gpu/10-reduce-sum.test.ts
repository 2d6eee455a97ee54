import { expect, test } from 'vitest';
import { emulateF32, main, N } from './10-reduce-sum.ts';

test('float32 in order loses 2104; the tree gives 50005000', () => {
  const e = emulateF32(Array.from({ length: N }, (_, i) => i + 1));
  expect(e.inOrder).toBe(50_002_896);
  expect(e.tree).toBe(50_005_000);
  expect(e.roundedInOrder).toBeGreaterThan(0);
});

test('the device tree sum is exact; a float32 loop is not', async () => {
  const r = await main();
  expect(r.tree).toBe(N * (N + 1) / 2); // the book's 50005000
  // The cpu backend adds in float64; every other one in float32.
  expect(r.inOrder).toBe(r.ranOn === 'CPUKernel' ? 50_005_000
    : r.emulated.inOrder);
}, 60_000);
