/**
 * A tiled matrix multiply in WGSL, with workgroup shared memory
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Implementing memory
 *          management with PyCUDA (beyond the book: shared memory)
 * @covers  none
 * @run     npm run recipe -- gpu/wgsl-matmul
 * @see     gpu/matmul (the same product in gpu.js), gpu/vector-sum
 *
 * The book's CUDA matmul reads A and B from global memory n times per
 * element. The classic fix, which gpu.js cannot express, is tiling:
 * each 16x16 workgroup copies one tile of A and one of B into
 * `var<workgroup>` memory (CUDA's `__shared__`), waits at
 * `workgroupBarrier()` (`__syncthreads()`), and multiplies from there,
 * so each value leaves global memory n/16 times instead of n. We run it
 * through Dawn: on a GPU where one exists, on llvmpipe otherwise.
 */
import { isEntry } from '@cookbook/shared';
import { runEntry } from './backends.ts';
import { f32Tolerance, seededFloats } from './check.ts';
// The float64 reference is gpu/tuned-cpu's plain triple loop.
import { naive } from './08-tuned-cpu.task.ts';
import { Compute } from './wgsl.ts';

// The matrix size (a multiple of TILE) and the tile edge.
export const N = 256;
export const TILE = 16;

// One thread per C element; one workgroup per TILE x TILE block of C.
// The shader is a string compiled at run time, as PyCUDA's SourceModule
// compiles CUDA C; N is baked in so the loops have constant bounds.
export const shader = (n: number) => /* wgsl */ `
const N = ${n}u;
const T = ${TILE}u;
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
var<workgroup> tileA: array<f32, ${TILE * TILE}>;
var<workgroup> tileB: array<f32, ${TILE * TILE}>;
@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(global_invocation_id) g: vec3u,
        @builtin(local_invocation_id) l: vec3u) {
  var sum = 0.0;
  // Walk the row of A and the column of B one tile at a time.
  for (var t = 0u; t < N / T; t++) {
    // Each thread loads one element of each tile...
    tileA[l.y * T + l.x] = a[g.y * N + t * T + l.x];
    tileB[l.y * T + l.x] = b[(t * T + l.y) * N + g.x];
    workgroupBarrier(); // ...and waits until the whole tile is in.
    // T multiply-adds from fast workgroup memory, none from global.
    for (var k = 0u; k < T; k++) {
      sum += tileA[l.y * T + k] * tileB[k * T + l.x];
    }
    workgroupBarrier(); // nobody overwrites a tile still in use
  }
  // Each thread writes only its own element of C: no race, no atomics.
  c[g.y * N + g.x] = sum;
}`;

/** C = A * B on the device for n x n row-major inputs. */
export async function wgslMatmul(gpu: Compute, a: Float32Array,
  b: Float32Array, n: number, pipeline?: GPUComputePipeline):
  Promise<Float32Array> {
  // Compile once and reuse the pipeline if the caller (the bench) has one.
  pipeline ??= await gpu.pipeline(shader(n));
  // Copy the inputs to device buffers, like gpuarray.to_gpu; C is empty.
  const [aG, bG] = await Promise.all([gpu.upload(a), gpu.upload(b)]);
  const cG = gpu.output(a.byteLength);
  // Launch (n/16)^2 workgroups, then read C back and free the buffers:
  // WebGPU buffers are not garbage collected the way PyCUDA's are.
  await gpu.dispatch(pipeline, [aG, bG, cG], [n / TILE, n / TILE]);
  const c = new Float32Array(await gpu.download(cG));
  for (const buffer of [aG, bG, cG]) buffer.destroy();
  return c;
}

// The test checks the device's product against float64 within tolerance.
export interface Result { device: string; error: number; tolerance: number }

export async function main(n = N): Promise<Result> {
  // Seeded inputs and the float64 product the device must match.
  const a = seededFloats(n * n, 201);
  const b = seededFloats(n * n, 202);
  const reference = new Float64Array(n * n);
  naive(a, b, reference, n); // float64 sums
  const gpu = await Compute.open();
  // Destroy the Dawn device in `finally`: it holds native GPU resources.
  try {
    const c = await wgslMatmul(gpu, a, b, n);
    // The worst element-wise difference from the float64 reference.
    let error = 0;
    c.forEach((v, i) => {
      error = Math.max(error, Math.abs(v - reference[i]!));
    });
    // n products of numbers below 2 in size: |sum| <= 4n.
    // n roundings of 2^-24 at scale 4n, doubled for the inputs' rounding.
    const tolerance = f32Tolerance(n, 4 * n);
    // The adapter description says whether a real GPU or llvmpipe ran it.
    console.log(`${n}x${n} tiled matmul (${TILE}x${TILE} workgroups) on`);
    console.log(`  ${gpu.description}`);
    console.log(`max |GPU - float64| <= ${tolerance.toExponential(1)}: `
      + `${error <= tolerance}`);
    return { device: gpu.description, error, tolerance };
  } finally {
    gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// 256x256 tiled matmul (16x16 workgroups) on
//   {*}
// max |GPU - float64| <= 3.1e-2: true
