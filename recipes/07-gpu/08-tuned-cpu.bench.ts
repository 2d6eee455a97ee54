/**
 * Benchmark MatMul (gpu/tuned-cpu, gpu/matmul, gpu/wgsl-matmul): C = A*B
 * in float32 for n = 256, 512, 1024 by every implementation of the
 * chapter. `ops` is 2n^3 floating-point operations, so ns/op is the
 * inverse of GFLOP/s (1 ns/op = 1 GFLOP/s). Every run's C is checked
 * against a float64 product. A gpu.js variant fails unless its kernel
 * class is the backend it names (no silent fallback); Mesa lets one
 * process use either Dawn or headless-gl, so set COOKBOOK_GPU_BACKEND=
 * headlessgl (under xvfb-run -a) to measure headless-gl instead of
 * webgpu. The naive loop and gpu.js's cpu backend stop at n = 512
 * (tens of seconds a run at 1024).
 */
import { smokeSize, suite, type Suite } from '@cookbook/bench';
import { pool } from '@cookbook/shared';
import type { GPU } from 'gpu.js';
import {
  ENV,
  KERNEL_CLASS,
  openGpu,
  probe,
  ranOn,
  type Backend,
} from './backends.ts';
import { f32Tolerance } from './check.ts';
import { squareMatmul } from './03-matmul.ts';
import { inputs, onWorkers, WORKERS } from './08-tuned-cpu.ts';
import { naive, tuned } from './08-tuned-cpu.task.ts';
import { shader, wgslMatmul } from './20-wgsl-matmul.ts';
import { Compute } from './wgsl.ts';

// MATMUL_SIZES=1024,4096 on a GPU machine; above 1024 only the device
// variants run (the CPU loops would take minutes a run).
const SIZES = process.env['MATMUL_SIZES']?.split(',').map(Number)
  ?? smokeSize([256, 512, 1024], [64]);
const CPU_MAX = 1024;
const TASK = new URL('./08-tuned-cpu.task.ts', import.meta.url);
const device: Backend = process.env[ENV] === 'headlessgl' ? 'headlessgl'
  : 'webgpu';
const candidates: Backend[] = ['cpu', 'webasm', device];
const backends: Backend[] = [];
for (const b of candidates) if (!(await probe(b)).missing) backends.push(b);
const wgslOk = device === 'webgpu' && backends.includes('webgpu');

interface Run { n: number; c: ArrayLike<number> }

// float64 references, computed once per size (outside the clock).
const references = new Map<number, Float64Array>();
function reference(n: number): Float64Array {
  let ref = references.get(n);
  if (!ref) {
    const { a, b } = inputs(n);
    ref = new Float64Array(n * n);
    tuned(a, b, ref, n); // float64 sums, kept in float64
    references.set(n, ref);
  }
  return ref;
}

function correct({ n, c }: Run): boolean {
  const ref = reference(n);
  const tolerance = f32Tolerance(n, 4 * n);
  for (let i = 0; i < ref.length; i++) {
    if (!(Math.abs(c[i]! - ref[i]!) <= tolerance)) return false;
  }
  return true;
}


function matmulSuite(n: number): Suite {
  const { a, b } = inputs(n);
  const ops = 2 * n ** 3;
  // Every run's answer must be right, the baseline's included.
  const s = suite(`MatMul`, { runs: 5, warmup: 1, meta: { n },
    answer: (r) => correct(r as Run), check: (answer) => answer === true });
  if (n <= 512) {
    s.add(`n=${n}/impl=js-naive`, () => {
      const c = new Float32Array(n * n);
      naive(a, b, c, n);
      return { n, c };
    }, { ops });
  }
  let p: ReturnType<typeof pool> | undefined;
  if (n <= CPU_MAX) {
    s.add(`n=${n}/impl=js-tuned`, () => {
      const c = new Float32Array(n * n);
      tuned(a, b, c, n);
      return { n, c };
    }, { ops });
    s.add(`n=${n}/impl=js-workers/workers=${WORKERS}`, async () =>
      ({ n, c: await onWorkers(p!, a, b, n, WORKERS) }), { ops,
      before: async () => {
        p = pool(TASK, { minThreads: WORKERS, maxThreads: WORKERS });
        await onWorkers(p, a, b, 16, WORKERS);
      },
      after: () => p?.destroy() });
  }
  const rows2d = (m: Float32Array) => Array.from({ length: n },
    (_, i) => m.subarray(i * n, (i + 1) * n));
  for (const backend of backends) {
    if (backend === 'cpu' && n > 512) continue;
    if (backend === 'webasm' && n > CPU_MAX) continue;
    let gpu: GPU | undefined;
    let kernel: ReturnType<typeof squareMatmul> | undefined;
    s.add(`n=${n}/impl=gpujs/backend=${backend}`, async () => {
      const c = (await kernel!(rows2d(a), rows2d(b))) as Float32Array[];
      return { n, c: Float32Array.from(c.flatMap((r) => [...r])) };
    }, { ops,
      before: async () => {
        gpu = await openGpu(backend);
        kernel = squareMatmul(gpu, n);
        await kernel(rows2d(a), rows2d(b)); // compile outside the clock
        // The variant's name must be the truth: refuse a silent fallback.
        if (ranOn(kernel) !== KERNEL_CLASS[backend]) {
          throw new Error(`${backend} ran on ${ranOn(kernel)}`);
        }
      },
      after: () => gpu?.destroy() });
  }
  if (wgslOk) {
    let gpu: Compute | undefined;
    let pipeline: GPUComputePipeline | undefined;
    s.add(`n=${n}/impl=wgsl`, async () =>
      ({ n, c: await wgslMatmul(gpu!, a, b, n, pipeline) }), { ops,
      before: async () => {
        gpu = await Compute.open();
        pipeline = await gpu.pipeline(shader(n));
      },
      after: () => gpu?.destroy() });
  }
  return s;
}

export default SIZES.map(matmulSuite);
