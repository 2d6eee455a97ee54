/**
 * Map-reduce on the device: a dot product
 *
 * @book    1e ch. 6 "GPU Programming with Python" › The MapReduce
 *          operation with PyCUDA
 * @covers  G6
 * @run     npm run recipe -- gpu/dot-product
 * @see     gpu/wgsl-reduce: the same reduction in workgroup memory
 *
 * PyCUDA's `ReductionKernel` takes a map expression (`x[i]*y[i]`), a
 * reduce expression (`a+b`) and a neutral element (0), and runs a tree
 * reduction in the GPU's shared memory. gpu.js has no shared memory and
 * no way for threads to talk, so a reduction is several launches: one
 * map kernel, then a kernel that adds neighbouring pairs, again and
 * again, halving the vector each pass (`dynamicOutput` lets the one
 * kernel change its size). The book's 400-element integer vectors give
 * a dot product that float32 holds exactly.
 */
// randomInts is seeded, standing in for NumPy's unseeded randint.
import { isEntry, randomInts } from '@cookbook/shared';
import type { GPU } from 'gpu.js';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';

// The book's vectors: 400 random integers from 0 to 9, so every partial
// sum stays an integer below 2^24 that float32 holds exactly.
export const LENGTH = 400;

// Map: one product per thread, ReductionKernel's map_expr `x[i]*y[i]`.
function multiply(this: { thread: { x: number } }, x: number[],
  y: number[]): number {
  return x[this.thread.x]! * y[this.thread.x]!;
}

// Reduce: thread i adds elements 2i and 2i+1 (0, the neutral, past n).
// The live size n comes as an argument, so one kernel serves every pass.
function addPairs(this: { thread: { x: number } }, v: number[],
  n: number): number {
  const i = this.thread.x * 2;
  let sum = v[i]!;
  if (i + 1 < n) sum += v[i + 1]!;
  return sum;
}

/** Sums a vector by pairwise passes on the device (gpu/reduce-sum too). */
export async function reducePairs(gpu: GPU, values: ArrayLike<number>):
  Promise<{ sum: number; passes: number }> {
  // One kernel, compiled once: gpu.js compiles sizes into a kernel, and
  // the dynamic flags let its output and input sizes vary between calls.
  const reduce = gpu.createKernel(addPairs, { dynamicOutput: true,
    dynamicArguments: true }).setOutput([1]);
  // Halve until one value is left: ceil(log2(n)) passes.
  let v = values;
  let passes = 0;
  for (let n = values.length; n > 1; n = Math.ceil(n / 2), passes++) {
    reduce.setOutput([Math.ceil(n / 2)]);
    // Each pass reads the last pass's output; n is the live length.
    v = (await reduce(v, n)) as Float32Array;
  }
  // The last pass left a single value: the whole sum, still float32.
  return { sum: v[0]!, passes };
}

// The test checks the device sum against the CPU's exactly, and the
// number of passes against ceil(log2(LENGTH)).
export interface Result {
  ranOn: string;
  dot: number;
  expected: number;
  passes: number;
}

export async function main(choice?: Choice): Promise<Result> {
  // Choose the backend and draw the two vectors on the host; gpu.js
  // uploads them at each call, where PyCUDA keeps gpuarrays on the device.
  const { backend } = await choose(choice);
  const x = randomInts(LENGTH, 9, 61);
  const y = randomInts(LENGTH, 9, 62);
  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // Map on the device, then reduce: ceil(log2(400)) = 9 passes.
    const map = gpu.createKernel(multiply).setOutput([LENGTH]);
    const products = (await map(x, y)) as Float32Array;
    const { sum: dot, passes } = await reducePairs(gpu, products);
    // The serial reference: integers below 81 * 400 are exact in float32.
    const expected = x.reduce((s, xi, i) => s + xi * y[i]!, 0);
    // Print the book's lines and the kernel class that really ran.
    console.log(`x = [${x.slice(0, 10).join(' ')} ...] (${LENGTH} ints)`);
    console.log(`y = [${y.slice(0, 10).join(' ')} ...]`);
    console.log(`dot product on the device: ${dot} (${passes} reduce `
      + 'passes)');
    console.log(`dot product on the CPU:    ${expected}`);
    console.log(`ran on ${ranOn(map)}`);
    return { ranOn: ranOn(map), dot, expected, passes };
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// x = [1 9 4 9 8 6 4 7 9 6 ...] (400 ints)
// y = [2 3 3 9 2 9 5 2 0 0 ...]
// dot product on the device: 8326 (9 reduce passes)
// dot product on the CPU:    8326
// ran on {*}
