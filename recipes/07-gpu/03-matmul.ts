/**
 * Square matrix multiply on the device, checked against the CPU
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Implementing memory
 *          management with PyCUDA
 * @book    1e ch. 6 "GPU Programming with Python" › Understanding the
 *          PyCUDA memory model with matrix manipulation
 * @python  PyCUDA/memManagementPycuda.py
 * @covers  G3
 * @run     npm run recipe -- gpu/matmul
 *
 * The book pastes MATRIX_SIZE = 5 into CUDA source with a string
 * template, moves A and B to the device with `gpuarray.to_gpu`, runs one
 * thread per element of C, and prints the CPU - GPU difference (its
 * closing `np.allclose` is computed but never printed; we print it).
 * gpu.js takes the size as a *constant*: it is compiled into the
 * kernel, as the template did, without string pasting. A thread's
 * `this.thread.x` / `.y` are CUDA's `threadIdx.x` / `.y`.
 */
import { isEntry } from '@cookbook/shared';
import type { GPU } from 'gpu.js';
import { choose, openGpu, ranOn, runEntry, type Choice } from './backends.ts';
import { f32Tolerance, formatMatrix, matmul64, maxAbsDiff, rows,
  seededFloats } from './check.ts';

// The book's MATRIX_SIZE.
export const MATRIX_SIZE = 5;

// What gpu.js binds `this` to inside the kernel: the thread's position
// and the constants compiled in (the book's %(MATRIX_SIZE)s template).
interface MatMulThis {
  thread: { x: number; y: number };
  constants: { size: number };
}

// CUDA's MatrixMulKernel: thread (tx, ty) computes C[ty][tx].
function matrixMulKernel(this: MatMulThis, a: number[][],
  b: number[][]): number {
  // Row ty of A times column tx of B; the loop bound is a compile-time
  // constant, as GLSL requires of a loop.
  let pValue = 0;
  for (let k = 0; k < this.constants.size; k++) {
    pValue += a[this.thread.y]![k]! * b[k]![this.thread.x]!;
  }
  return pValue;
}

/** The kernel for n x n inputs; G8 and the MatMul benchmark reuse it. */
// The output shape [n, n] is the launch: n x n threads, one block here.
export function squareMatmul(gpu: GPU, n: number) {
  return gpu.createKernel(matrixMulKernel, { constants: { size: n } })
    .setOutput([n, n]);
}

// The test compares C with a float64 np.dot (matmul64) within tolerance.
export interface Result {
  ranOn: string;
  c: number[][];
  /** max |CPU - GPU| over C, and the float32 tolerance it must meet. */
  error: number;
  tolerance: number;
}

export async function main(choice?: Choice): Promise<Result> {
  // Choose the backend and make A and B, seeded where the book is random.
  const { backend } = await choose(choice);
  const a = rows(seededFloats(MATRIX_SIZE ** 2, 1), MATRIX_SIZE);
  const b = rows(seededFloats(MATRIX_SIZE ** 2, 2), MATRIX_SIZE);
  // NumPy's np.dot, in float64: the reference.
  const cCpu = matmul64(a, b);

  const gpu = await openGpu(backend);
  // Destroy the context in `finally`: it holds native graphics resources.
  try {
    // gpuarray.to_gpu, the launch and C's .get() are this one call.
    const kernel = squareMatmul(gpu, MATRIX_SIZE);
    const c = ((await kernel(a, b)) as Float32Array[]).map((r) => [...r]);
    const error = maxAbsDiff(c, cCpu);
    // Five products of numbers below 2 in size: |sum| <= 5 * 4.
    const tolerance = f32Tolerance(MATRIX_SIZE, MATRIX_SIZE * 4);
    // The book prints A, B and C between rules, then we add the backend
    // and the np.allclose verdict the book computes but never prints.
    const line = '-'.repeat(60);
    for (const [name, m] of [['A', a], ['B', b], ['C', c]] as const) {
      console.log(line);
      console.log(`Matrix ${name} (GPU):`);
      console.log(formatMatrix(m));
    }
    console.log(line);
    console.log(`ran on ${ranOn(kernel)}`);
    console.log(`max |CPU - GPU| <= ${tolerance.toExponential(1)}: `
      + `${error <= tolerance}`);
    return { ranOn: ranOn(kernel), c, error, tolerance };
  } finally {
    await gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// ------------------------------------------------------------
// Matrix A (GPU):
// [[-1.7410 -1.8460 -1.8820  0.0770 -0.4960]
//  [-0.1300 -0.2450  0.8800 -0.4200 -0.2390]
//  [ 0.3080  1.4260 -1.7570 -1.3750  0.2090]
//  [ 1.6850  0.4480 -0.3040  0.0390  1.2800]
//  [ 0.9070 -1.4920 -0.2130 -0.4010  0.2510]]
// ------------------------------------------------------------
// Matrix B (GPU):
// [[-1.4820 -1.6920 -0.6740 -0.7570 -1.9030]
//  [ 1.7400 -1.4010 -0.2410  1.1600 -1.3890]
//  [-1.3850  1.9410 -0.4240  0.3400 -0.4930]
//  [-1.5420 -0.0150 -1.5190 -0.8330  1.6490]
//  [-0.1870 -0.9840 -1.3370 -1.7130 -0.4090]]
// ------------------------------------------------------------
// Matrix C (GPU):
// [[ 1.9487  2.3660  2.9625 -0.6778  7.1349]
//  [-0.7601  2.5128  0.7311  0.8727 -0.4410]
//  [ 6.5394 -6.1143  2.0029  1.6110 -4.0535]
//  [-1.5961 -5.3288 -2.8854 -3.0844 -4.1382]
//  [-3.0738 -0.0988  0.1121 -2.5857 -0.3125]]
// ------------------------------------------------------------
// ran on {*}Kernel
// max |CPU - GPU| <= 1.2e-5: true
