/**
 * Array arithmetic that stays on the device: pipelined kernels
 *
 * @book    1e ch. 6 "GPU Programming with Python" › Kernel invocations
 *          with GPUArray
 * @covers  G4
 * @run     npm run recipe -- gpu/pipeline
 *
 * The book doubles a random 4x4 `gpuarray` with a plain expression,
 * `2 * a_gpu`, and brings the answer home with `.get()`: PyCUDA writes
 * the kernel and keeps the array on the GPU between operations. gpu.js
 * has no array expressions, so we write the small kernel ourselves; its
 * `pipeline: true` setting is what keeps the result on the device: a
 * kernel then returns a texture (WebGL) or a GPU buffer (WebGPU)
 * instead of a JS array, the next kernel reads it without a round trip,
 * and `.toArray()` is the `.get()`. The CPU backends have no device, so
 * there the "pipeline" hands over ordinary arrays; we print which.
 */
import { isEntry } from '@cookbook/shared';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';
import { formatMatrix, rows, seededFloats } from './check.ts';

// The book's 4x4 float32 matrix.
export const SIZE = 4;

// `2 * a`, one element per thread: gpu.js numbers a 2-D output's threads
// x for the column and y for the row, so a[y][x] is this thread's value.
function times2(this: { thread: { x: number; y: number } },
  a: number[][]): number {
  return 2 * a[this.thread.y]![this.thread.x]!;
}

// `x + a`: a second operation that reads the first one's result.
function plus(this: { thread: { x: number; y: number } }, x: number[][],
  a: number[][]): number {
  return x[this.thread.y]![this.thread.x]! + a[this.thread.y]![this.thread.x]!;
}

// What a pipelined kernel handed back: on the device, or a host array.
// The class name is the honest answer; gpu.mode would say 'gpu' anyway.
function whereItLives(value: unknown): string {
  const name = (value as object).constructor.name;
  return name === 'Array' ? 'host memory (Array)' : `the device (${name})`;
}

// The test checks doubled = 2a and tripled = 3a exactly, and that a GPU
// backend kept 2a on the device while a CPU backend did not.
export interface Result {
  ranOn: string;
  original: number[][];
  doubled: number[][];
  /** 2a + a, computed from the doubled array without downloading it. */
  tripled: number[][];
  intermediate: string;
}

export async function main(choice?: Choice): Promise<Result> {
  // Choose the backend and make the book's random 4x4 matrix, seeded.
  const { backend } = await choose(choice);
  const original = rows(seededFloats(SIZE * SIZE, 4), SIZE);
  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // Two kernels over the same 4x4 output; `pipeline: true` makes each
    // return a device handle instead of copying its result to the host.
    const double = gpu.createKernel(times2, { pipeline: true })
      .setOutput([SIZE, SIZE]);
    const add = gpu.createKernel(plus, { pipeline: true })
      .setOutput([SIZE, SIZE]);
    // Two operations; nothing comes back to the host in between.
    const onDevice = await double(original);
    const sum = await add(onDevice, original);
    // A texture or buffer downloads with `.toArray()`; a host array (CPU
    // backends) already is one; Promise.resolve covers an async toArray.
    const toArray = (v: unknown) => Promise.resolve(
      (v as { toArray?: () => unknown }).toArray?.() ?? v);
    // `.get()`: now, and only now, we download.
    const doubled = ((await toArray(onDevice)) as Float32Array[])
      .map((r) => [...r]);
    const tripled = ((await toArray(sum)) as Float32Array[])
      .map((r) => [...r]);

    // The book's two matrices, then where the intermediate really lived.
    console.log(`ORIGINAL MATRIX`);
    console.log(formatMatrix(original));
    console.log('DOUBLED MATRIX AFTER gpu.js EXECUTION USING A PIPELINE');
    console.log(formatMatrix(doubled));
    console.log(`ran on ${ranOn(double)}; between the kernels 2a lived in`);
    console.log(`  ${whereItLives(onDevice)}`);
    // 2a is exact, so 2a + a is 3a rounded once to float32.
    console.log(`2a + a = 3a (in float32) everywhere: ${tripled.every(
      (r, i) => r.every((v, j) => v === Math.fround(3 * original[i]![j]!)))}`);
    return { ranOn: ranOn(double), original, doubled, tripled,
      intermediate: whereItLives(onDevice) };
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// ORIGINAL MATRIX
// [[-0.9640 -1.3840  0.6520  1.5760]
//  [-0.7160  1.4790 -0.8020 -1.3930]
//  [ 1.4090 -0.7780 -0.7700  1.8810]
//  [ 1.1520 -0.2310  1.0140 -1.0840]]
// DOUBLED MATRIX AFTER gpu.js EXECUTION USING A PIPELINE
// [[-1.9280 -2.7680  1.3040  3.1520]
//  [-1.4320  2.9580 -1.6040 -2.7860]
//  [ 2.8180 -1.5560 -1.5400  3.7620]
//  [ 2.3040 -0.4620  2.0280 -2.1680]]
// ran on {*}Kernel; between the kernels 2a lived in
//   {*}
// 2a + a = 3a (in float32) everywhere: true
