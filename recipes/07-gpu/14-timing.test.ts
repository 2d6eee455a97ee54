import { expect, test } from 'vitest';
import { cpuVectorSum, main } from './14-timing.ts';

test('the CPU loop stores a + b in float32', () => {
  const a = Float32Array.of(0.1, 1e8);
  const b = Float32Array.of(0.2, 1);
  expect([...cpuVectorSum(a, b, 3)])
    .toEqual([Math.fround(0.1 + 0.2), Math.fround(1e8 + 1)]);
});

test('the WGSL kernel agrees exactly; each phase is timed apart',
  async () => {
    const r = await main(10); // 10 repeats: the answer is the same
    expect(r.error).toBe(0);
    for (const ms of [r.cpuMs, r.uploadMs, r.kernelMs, r.downloadMs]) {
      expect(ms).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
