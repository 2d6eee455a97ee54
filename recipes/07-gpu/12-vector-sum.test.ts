import { expect, test } from 'vitest';
import { int64ReadAsInt32, main, VECTOR_DIMENSION } from './12-vector-sum.ts';

test('the WGSL kernel sums 32-bit vectors exactly', async () => {
  const r = await main();
  expect(r.sum).toHaveLength(VECTOR_DIMENSION);
  expect([...r.sum]).toEqual([...r.a].map((v, i) => v + r.b[i]!));
}, 60_000);

test("the book's int64 data read as int32 interleave value and zero",
  () => {
    expect([...int64ReadAsInt32([7, 8, 9])]).toEqual([7, 0, 8]);
  });
