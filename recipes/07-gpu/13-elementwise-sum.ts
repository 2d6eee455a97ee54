/**
 * Element-wise sum of two integer vectors
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Element-wise expression
 *          with PyOpenCL
 * @book    1e ch. 6 "GPU Programming with Python" › Evaluating
 *          element-wise expressions with PyOpenCL
 * @python  PyOpenCL/elementwisePyopencl.py
 * @covers  G13
 * @run     npm run recipe -- gpu/elementwise-sum
 * @see     gpu/vector-sum: the same sum with every buffer explicit
 *
 * PyOpenCL's `ElementwiseKernel("int *a, int *b, int *c", "c[i] = a[i] +
 * b[i]")` writes the loop, the buffers and the launch for us, like a
 * gpu.js kernel does. Book bug, fixed here: the arrays are NumPy int64
 * and the kernel says `int` (32 bits), so it reads garbage. gpu.js has
 * the opposite trap: it has no integer type at all. An Int32Array goes
 * in as float32, which holds every integer up to 2^24 = 16777216
 * exactly, so we check the inputs are in that range rather than trust
 * it; past it a sum would silently round (see gpu/reduce-sum).
 */
import { isEntry, randomInts } from '@cookbook/shared';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';

// The book's vector_dimension: 100 random integers below 100.
export const VECTOR_DIMENSION = 100;
// float32 counts exactly up to here: its significand has 24 bits, and
// 2^24 + 1 already rounds to 2^24.
export const F32_EXACT = 2 ** 24;

// The book's C body, c[i] = a[i] + b[i], written in JavaScript: gpu.js
// makes `this.thread.x` the i that OpenCL's get_global_id(0) gives.
function sum(this: { thread: { x: number } }, a: number[],
  b: number[]): number {
  return a[this.thread.x]! + b[this.thread.x]!;
}

/** Refuses integers whose sum float32 could not hold exactly. */
// A cheap bound, not a proof per element: the largest |value| times the
// number of vectors summed must stay within 2^24.
export function checkF32Exact(...vectors: Int32Array[]): void {
  const worst = Math.max(...vectors.map((v) =>
    Math.max(...Array.from(v, Math.abs))));
  if (worst * vectors.length > F32_EXACT) {
    throw new RangeError(`|values| up to ${worst}: a sum may exceed 2^24 `
      + 'and round in float32');
  }
}

// The test checks c against a + b computed on the CPU, element by element.
export interface Result {
  ranOn: string;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
}

export async function main(choice?: Choice): Promise<Result> {
  // Seeded int32 inputs (the fix for the book's int64 arrays), checked
  // before they reach a kernel that would treat them as float32.
  const { backend } = await choose(choice);
  const a = Int32Array.from(randomInts(VECTOR_DIMENSION, 99, 131));
  const b = Int32Array.from(randomInts(VECTOR_DIMENSION, 99, 132));
  checkF32Exact(a, b);
  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // One thread per element: the output size is the launch size.
    const kernel = gpu.createKernel(sum).setOutput([VECTOR_DIMENSION]);
    // float32 out; every value is a whole number, so Int32Array is exact.
    const c = Int32Array.from((await kernel(a, b)) as Float32Array);
    // The book's banner and its abbreviated vectors, then the backend.
    const show = (v: Int32Array) => `[${v.slice(0, 12).join(' ')} ...]`;
    console.log('gpu.js ELEMENTWISE SUM OF TWO VECTORS');
    console.log(`VECTOR LENGTH = ${VECTOR_DIMENSION}`);
    console.log(`INPUT VECTOR A\n${show(a)}`);
    console.log(`INPUT VECTOR B\n${show(b)}`);
    console.log(`OUTPUT VECTOR RESULT A + B\n${show(c)}`);
    console.log(`ran on ${ranOn(kernel)}`);
    // Hand back the inputs too, so the test can recompute a + b itself.
    return { ranOn: ranOn(kernel), a, b, c };
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// gpu.js ELEMENTWISE SUM OF TWO VECTORS
// VECTOR LENGTH = 100
// INPUT VECTOR A
// [1 97 0 95 49 45 42 11 23 2 84 86 ...]
// INPUT VECTOR B
// [72 91 39 85 43 81 3 16 14 86 55 93 ...]
// OUTPUT VECTOR RESULT A + B
// [73 188 39 180 92 126 45 27 37 88 139 179 ...]
// ran on {*}
