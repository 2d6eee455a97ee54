import { expect, test } from 'vitest';
import { main, N } from './08-tuned-cpu.ts';
import { naive, tuned } from './08-tuned-cpu.task.ts';

test('the tuned loop computes what the naive one does', () => {
  const n = 70; // not a multiple of the block size
  const a = Float32Array.from({ length: n * n }, (_, i) => (i % 13) - 6);
  const b = Float32Array.from({ length: n * n }, (_, i) => (i % 7) - 3);
  const want = new Float32Array(n * n);
  const got = new Float32Array(n * n);
  naive(a, b, want, n);
  tuned(a, b, got, n);
  expect(got).toEqual(want); // small integers: exact either way
});

test('every implementation matches float64 within f32 tolerance',
  async () => {
    const r = await main();
    expect(r.runs.map((x) => x.impl.split('/')[0]))
      .toEqual(['js-naive', 'js-tuned', 'js-workers', 'gpujs']);
    for (const run of r.runs) expect(run.error).toBeLessThan(r.tolerance);
    // The CPU loops accumulate in float64: almost no error at all.
    expect(r.runs[0]!.error).toBeLessThan(1e-5);
    expect(r.tolerance).toBeCloseTo(2 * N * 2 ** -24 * 4 * N, 10);
  }, 120_000);
