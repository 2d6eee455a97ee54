import { expect, test } from 'vitest';
import { checkF32Exact, main, VECTOR_DIMENSION } from './13-elementwise-sum.ts';

test('c = a + b exactly for integers float32 can hold', async () => {
  const r = await main();
  expect(r.c).toHaveLength(VECTOR_DIMENSION);
  expect([...r.c]).toEqual([...r.a].map((v, i) => v + r.b[i]!));
}, 60_000);

test('integers whose sum passes 2^24 are refused, not rounded', () => {
  const big = Int32Array.of(2 ** 24 - 1);
  expect(() => checkF32Exact(big, big)).toThrow(RangeError);
  expect(() => checkF32Exact(Int32Array.of(99))).not.toThrow();
});
