import { expect, test } from 'vitest';
import { matmul64, rows } from './check.ts';
import { DIM, main } from './07-gufunc-matmul.ts';
import { openGpu } from './backends.ts';
import { gufunc } from './07-gufunc-matmul.ts';

test('C = A*B exactly, and the output shape follows the inputs',
  async () => {
    const r = await main();
    expect(r.c).toHaveLength(DIM);
    expect(r.exact).toBe(true);
    expect(r.rect).toHaveLength(3);
    expect(r.rect.every((row) => row.length === 2)).toBe(true);
  }, 60_000);

test('mismatched inner sizes are refused, like the gufunc signature',
  async () => {
    const gpu = await openGpu('cpu');
    try {
      const mm = gufunc(gpu);
      const a = rows([1, 2, 3, 4, 5, 6], 3); // 2x3
      await expect(mm(a, a)).rejects.toThrow(/do not match/);
      const b = rows([1, 2, 3, 4, 5, 6], 2); // 3x2
      expect((await mm(a, b)).c).toEqual(matmul64(a, b));
    } finally {
      await gpu.destroy();
    }
  });
