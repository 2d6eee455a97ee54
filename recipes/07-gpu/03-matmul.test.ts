import { expect, test } from 'vitest';
import { main, MATRIX_SIZE } from './03-matmul.ts';

test('the GPU product equals the float64 CPU product within f32 rounding',
  async () => {
    const r = await main();
    expect(r.c).toHaveLength(MATRIX_SIZE);
    expect(r.c.every((row) => row.length === MATRIX_SIZE)).toBe(true);
    // 5 products of |x| < 2: 2 * 5 * 2^-24 * 20, about 1.2e-5.
    expect(r.tolerance).toBeCloseTo(1.19e-5, 7);
    expect(r.error).toBeLessThanOrEqual(r.tolerance);
    expect(r.ranOn).toMatch(/Kernel$/);
  }, 60_000);
