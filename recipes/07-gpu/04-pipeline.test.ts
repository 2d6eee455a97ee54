import { expect, test } from 'vitest';
import { main, SIZE } from './04-pipeline.ts';

test('two pipelined kernels compute 2a and 2a + a exactly', async () => {
  const r = await main();
  expect(r.doubled).toHaveLength(SIZE);
  r.original.forEach((row, i) => row.forEach((v, j) => {
    expect(r.doubled[i]![j]).toBe(2 * v); // exact in float32
    expect(r.tripled[i]![j]).toBe(Math.fround(3 * v));
  }));
  // CPU backends hand over arrays; device backends keep a GPU object.
  const onCpu = ['CPUKernel', 'WebAssemblyKernel'].includes(r.ranOn);
  expect(r.intermediate.startsWith('host')).toBe(onCpu);
}, 60_000);
