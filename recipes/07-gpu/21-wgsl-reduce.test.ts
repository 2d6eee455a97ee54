import { expect, test } from 'vitest';
import { main, reduce, WORKGROUP } from './21-wgsl-reduce.ts';
import { Compute } from './wgsl.ts';

test('the workgroup tree gives the book\'s 50005000 in u32', async () => {
  const r = await main();
  expect(r.u32).toBe(50_005_000);
  expect(r.launches).toBe(2); // 10000 -> 40 -> 1
  // f32: every partial sum of this tree happens to be representable.
  expect(r.f32).toBe(50_005_000);
}, 60_000);

test('sizes around a workgroup boundary sum exactly', async () => {
  const gpu = await Compute.open();
  try {
    for (const n of [1, WORKGROUP - 1, WORKGROUP, WORKGROUP + 1, 70_000]) {
      const v = Uint32Array.from({ length: n }, (_, i) => i % 1000);
      const want = v.reduce((s, x) => s + x, 0);
      expect((await reduce(gpu, v)).sum).toBe(want);
    }
  } finally {
    gpu.destroy();
  }
}, 60_000);
