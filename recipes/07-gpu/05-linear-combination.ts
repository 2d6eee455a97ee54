/**
 * Element-wise kernel: a linear combination of two vectors
 *
 * @book    1e ch. 6 "GPU Programming with Python" › Evaluating
 *          element-wise expressions with PyCUDA
 * @covers  G5
 * @run     npm run recipe -- gpu/linear-combination
 *
 * PyCUDA's `ElementwiseKernel` takes a C snippet, `z[i] = a*x[i] +
 * b*y[i]`, and writes the loop and the launch for us; the book runs it
 * on two random 50-element vectors with a = 5 and b = 6. A gpu.js
 * kernel over a 1-D output *is* an element-wise kernel: the body is the
 * snippet, `this.thread.x` is `i`, and scalars pass as plain numbers.
 */
import { isEntry } from '@cookbook/shared';
import {
  choose,
  openGpu,
  ranOn,
  runEntry,
  type Choice,
} from './backends.ts';
// Seeded inputs replace NumPy's random vectors so the output is stable.
import { f32Tolerance, maxAbsDiff, seededFloats } from './check.ts';

// The book's vector length and coefficients.
export const LENGTH = 50;
export const A = 5;
export const B = 6;

// The kernel body is the book's C snippet: z[i] = a*x[i] + b*y[i], one i
// per thread. gpu.js translates this plain JavaScript function to GLSL or
// WebAssembly, so it must avoid closures and use only numbers and arrays.
function linearCombination(this: { thread: { x: number } }, a: number,
  x: number[], b: number, y: number[]): number {
  return a * x[this.thread.x]! + b * y[this.thread.x]!;
}

// The first few values of a vector, as NumPy abbreviates a long one.
const head = (v: ArrayLike<number>) => `[${Array.from(v).slice(0, 4)
  .map((n) => n.toFixed(3)).join(' ')} ... (${v.length} values)]`;

// What the test checks: the backend that really ran, the output vector,
// and its worst error against float64 with the bound it must stay under.
export interface Result {
  ranOn: string;
  z: number[];
  error: number;
  tolerance: number;
}

export async function main(choice?: Choice): Promise<Result> {
  // Pick the backend (never trusting gpu.js's own claim) and make the
  // two inputs, random in the book, seeded here.
  const { backend } = await choose(choice);
  const x = seededFloats(LENGTH, 5);
  const y = seededFloats(LENGTH, 6);
  const gpu = await openGpu(backend);
  // The GPU context owns native resources, so it is destroyed in `finally`
  // even when a kernel fails; Python's garbage collector does this for us.
  try {
    // The output shape [LENGTH] is the launch size: one thread per element,
    // as ElementwiseKernel launches one i per element of its arrays.
    const kernel = gpu.createKernel(linearCombination).setOutput([LENGTH]);
    const z = [...((await kernel(A, x, B, y)) as Float32Array)];
    // The float64 reference; two products and a sum of numbers below 24.
    const want = Array.from(x, (xi, i) => A * xi + B * y[i]!);
    // float32 rounding grows with the size of the terms: allow for two.
    const error = maxAbsDiff(z, want);
    const tolerance = f32Tolerance(2, 2 * (A + B));
    // Print heads, not 50 numbers, and the backend the kernel really used.
    console.log(`x = ${head(x)}`);
    console.log(`y = ${head(y)}`);
    console.log(`z = ${A}x + ${B}y = ${head(z)}`);
    console.log(`ran on ${ranOn(kernel)}; max |z - float64| <= `
      + `${tolerance.toExponential(1)}: ${error <= tolerance}`);
    return { ranOn: ranOn(kernel), z, error, tolerance };
  } finally {
    await gpu.destroy();
  }
}

// Run only when executed directly, not when the test imports main().
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// x = [-0.705 -1.230 1.860 0.742 ... (50 values)]
// y = [-0.446 -1.076 1.978 -0.092 ... (50 values)]
// z = 5x + 6y = [-6.201 -12.606 21.168 3.158 ... (50 values)]
// ran on {*}; max |z - float64| <= 5.2e-6: true
