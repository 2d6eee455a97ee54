/**
 * The vendor-BLAS question: a tuned CPU matmul against the GPU kernel
 *
 * @book    1e ch. 6 "GPU Programming with Python" › Using GPU-accelerated
 *          libraries with NumbaPro
 * @covers  G8
 * @run     npm run recipe -- gpu/tuned-cpu
 * @see     gpu/matmul, gpu/wgsl-matmul, the MatMul benchmark
 *
 * The book calls cuBLAS's GEMM through NumbaPro (long discontinued) and
 * compares it with NumPy, itself a tuned CPU BLAS. Node has no BLAS on
 * either side, so we answer the question honestly in plain code: the
 * textbook loop; a tuned loop (B transposed, four sums in registers);
 * that loop on two worker threads (one band of rows each, in shared
 * memory); and the gpu.js kernel of gpu/matmul on the chosen backend.
 * All are checked against a float64 product. Which wins depends on the
 * machine: the backend line says where the "GPU" kernel really ran.
 */
import { availableParallelism } from 'node:os';
import { isEntry, pool } from '@cookbook/shared';
import { choose, openGpu, ranOn, runEntry, type Choice } from './backends.ts';
import { f32Tolerance, seededFloats } from './check.ts';
// The kernel is gpu/matmul's; the CPU loops live in the worker's module.
import { squareMatmul } from './03-matmul.ts';
import { naive, tuned } from './08-tuned-cpu.task.ts';

// The matrix size: 256 x 256 is 33.5 million multiply-adds.
export const N = 256;
// Two workers (one on a one-core machine); TASK is what each one loads.
export const WORKERS = Math.min(2, availableParallelism());
const TASK = new URL('./08-tuned-cpu.task.ts', import.meta.url);

/** Fresh n x n inputs in SharedArrayBuffers (workers can see them). */
export function inputs(n: number): { a: Float32Array; b: Float32Array } {
  // Seeded like the other recipes, then copied into shared memory once.
  const shared = (seed: number) => {
    const m = new Float32Array(new SharedArrayBuffer(n * n * 4));
    m.set(seededFloats(n * n, seed));
    return m;
  };
  return { a: shared(81), b: shared(82) };
}

/** Tuned, on `workers` threads of a piscina pool: one band of rows each. */
export async function onWorkers(p: ReturnType<typeof pool>,
  a: Float32Array, b: Float32Array, n: number, workers: number):
  Promise<Float32Array> {
  // Every worker writes its own rows of the shared C: no locks needed,
  // and nothing to copy back, unlike a Python multiprocessing pool.
  const c = new Float32Array(new SharedArrayBuffer(n * n * 4));
  const rowsEach = Math.ceil(n / workers);
  await Promise.all(Array.from({ length: workers }, (_, w) => p.run({
    a, b, c, n, from: w * rowsEach, to: Math.min(n, (w + 1) * rowsEach) })));
  return c;
}

// One line of the table per implementation; the test checks all four
// ran, in order, and every error is within the float32 tolerance.
export interface Run { impl: string; ms: number; error: number }
export interface Result { runs: Run[]; tolerance: number; ranOn: string }

export async function main(choice?: Choice): Promise<Result> {
  // Choose the backend, make the inputs and the float64 reference.
  const { backend } = await choose(choice);
  const { a, b } = inputs(N);
  const reference = new Float64Array(N * N);
  naive(a, b, reference, N); // the same sums, kept in float64
  // time() clocks one run, then measures its worst error off the clock.
  const runs: Run[] = [];
  const time = async (impl: string, f: () => Promise<ArrayLike<number>>) => {
    const start = performance.now();
    const c = await f();
    const ms = performance.now() - start;
    let error = 0;
    for (let i = 0; i < c.length; i++) {
      error = Math.max(error, Math.abs(c[i]! - reference[i]!));
    }
    runs.push({ impl, ms, error });
  };
  // The two single-thread loops, each into a fresh output.
  const c = () => new Float32Array(N * N);
  await time('js-naive', async () => { const o = c(); naive(a, b, o, N);
    return o; });
  await time('js-tuned', async () => { const o = c(); tuned(a, b, o, N);
    return o; });
  // The pool and the GPU context are both freed in `finally`.
  const p = pool(TASK, { minThreads: WORKERS, maxThreads: WORKERS });
  const gpu = await openGpu(backend);
  try {
    // A warm-up run, so that worker start-up stays off the clock.
    await onWorkers(p, a, b, N, WORKERS);
    await time(`js-workers/workers=${WORKERS}`,
      () => onWorkers(p, a, b, N, WORKERS));
    // gpu.js wants 2-D input as rows: subarray views, not copies.
    const kernel = squareMatmul(gpu, N);
    const rows2d = (m: Float32Array) => Array.from({ length: N },
      (_, i) => m.subarray(i * N, (i + 1) * N));
    await kernel(rows2d(a), rows2d(b)); // compile outside the clock
    await time(`gpujs/backend=${backend}`, async () => ((await kernel(
      rows2d(a), rows2d(b))) as Float32Array[]).flatMap((r) => [...r]));
    // N products of numbers below 2 in size: |sum| <= 4N.
    const tolerance = f32Tolerance(N, 4 * N);
    // One multiply and one add per term: 2 N^3 floating-point operations.
    const flops = 2 * N ** 3;
    console.log(`${N}x${N} matmul, float32, checked against float64:`);
    // The error column is the real check; the speeds vary by machine.
    for (const r of runs) {
      const gflops = (flops / r.ms / 1e6).toFixed(2);
      console.log(`  ${r.impl.padEnd(26)} ${r.ms.toFixed(1).padStart(8)} ms`
        + `  ${gflops.padStart(6)} GFLOP/s  ${r.error <= tolerance
          ? 'correct' : 'WRONG'}`);
    }
    console.log(`gpu.js kernel ran on ${ranOn(kernel)}`);
    return { runs, tolerance, ranOn: ranOn(kernel) };
  } finally {
    await Promise.all([p.destroy(), gpu.destroy()]);
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// 256x256 matmul, float32, checked against float64:
//   js-naive {*} ms {*} GFLOP/s  correct
//   js-tuned {*} ms {*} GFLOP/s  correct
//   js-workers/workers={*} ms {*} GFLOP/s  correct
//   gpujs/backend={*} ms {*} GFLOP/s  correct
// gpu.js kernel ran on {*}Kernel
