/**
 * CPU vs GPU timing: upload, kernel and download measured apart
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Evaluating PyOpenCL
 *          applications
 * @book    1e ch. 6 "GPU Programming with Python" › Testing your GPU
 *          application with PyOpenCL
 * @python  PyOpenCL/testApplicationPyopencl.py
 * @covers  G14
 * @run     npm run recipe -- gpu/timing
 * @see     the Transfer benchmark (14-timing.bench.ts)
 *
 * The book sums two 10 000-element float32 vectors, each addition
 * repeated 10 000 times, first in a Python loop ("CPU Time", minutes in
 * CPython), then in an OpenCL kernel, timing the kernel alone with a
 * profiling event ("GPU Kernel evaluation Time") and the kernel plus
 * the copy back ("GPU Time"); it never times the upload. We time all
 * three GPU steps apart, waiting for the queue after each
 * (`onSubmittedWorkDone`; Dawn's timestamp queries are not available on
 * every backend), because whether a GPU is worth it depends on the
 * copies as much as on the kernel. Here the "GPU" may be llvmpipe on the
 * CPU: the recipe prints which, and the numbers mean nothing beyond it.
 */
import { isEntry } from '@cookbook/shared';
import { runEntry } from './backends.ts';
import { maxAbsDiff, seededFloats } from './check.ts';
import { Compute } from './wgsl.ts';

// The book's 10 000 elements; it repeats each sum 10 000 times, we do
// 1000 so that the recipe takes seconds, not minutes, on llvmpipe.
// Try it: set REPEAT to 10_000 for the book's run.
export const LENGTH = 10_000;
export const REPEAT = 1000;

// The book's kernel: work-item i repeats c[i] = a[i] + b[i]. The repeat
// count is pasted in, so the loop has a constant bound; work-items past
// the end of c (64-wide workgroups overshoot) return at once.
export const shader = (repeat: number) => /* wgsl */ `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= arrayLength(&c)) { return; }
  for (var j = 0u; j < ${repeat}u; j++) { c[i] = a[i] + b[i]; }
}`;

/** The book's CPU loop in JS: LENGTH x repeat additions (10^8 at the
 * book's 10 000), each result rounded into a Float32Array. */
// V8 compiles this loop to machine code; CPython interprets the book's.
export function cpuVectorSum(a: Float32Array, b: Float32Array,
  repeat = REPEAT): Float32Array {
  const c = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < repeat; j++) c[i] = a[i]! + b[i]!;
  }
  return c;
}

/** Milliseconds that `step` takes, with its result. */
// For the book's time.time(): performance.now(), monotonic milliseconds.
export async function timed<T>(step: () => Promise<T> | T):
  Promise<[T, number]> {
  const start = performance.now();
  const value = await step();
  return [value, performance.now() - start];
}

// The test checks the results are equal; times are printed, never tested.
export interface Result {
  device: string;
  cpuMs: number;
  uploadMs: number;
  kernelMs: number;
  downloadMs: number;
  error: number;
}

export async function main(repeat = REPEAT): Promise<Result> {
  // The inputs, and the CPU run first, as the book does.
  const a = seededFloats(LENGTH, 141);
  const b = seededFloats(LENGTH, 142);
  const [cpu, cpuMs] = await timed(() => cpuVectorSum(a, b, repeat));
  const gpu = await Compute.open();
  // Destroy the Dawn device in `finally`: it holds native GPU resources.
  try {
    // Compiled before the clock starts, as the book builds its program.
    const pipeline = await gpu.pipeline(shader(repeat));
    // Each step is awaited until the device is done, so each clock
    // measures its own step and not work still queued from the last.
    const [[aG, bG], uploadMs] = await timed(() =>
      Promise.all([gpu.upload(a), gpu.upload(b)]));
    const cG = gpu.output(a.byteLength);
    const [, kernelMs] = await timed(() =>
      gpu.dispatch(pipeline, [aG, bG, cG], [Math.ceil(LENGTH / 64)]));
    const [bytes, downloadMs] = await timed(() => gpu.download(cG));
    // a + b is one float32 rounding on both sides: equal, not close.
    const error = maxAbsDiff(new Float32Array(bytes), cpu);
    // The book's lines in seconds, plus the two steps it never printed.
    const s = (ms: number) => `${(ms / 1000).toFixed(4)} s`;
    console.log(`Device: ${gpu.description}`);
    console.log(`CPU Time: ${s(cpuMs)}`);
    console.log(`GPU upload Time: ${s(uploadMs)}`);
    console.log(`GPU Kernel evaluation Time: ${s(kernelMs)}`);
    console.log(`GPU download Time: ${s(downloadMs)}`);
    console.log(`GPU Time (the book's: kernel + download): `
      + s(kernelMs + downloadMs));
    console.log(`CPU and GPU results equal: ${error === 0}`);
    return { device: gpu.description, cpuMs, uploadMs, kernelMs,
      downloadMs, error };
  } finally {
    gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// Device: {*}
// CPU Time: {*} s
// GPU upload Time: {*} s
// GPU Kernel evaluation Time: {*} s
// GPU download Time: {*} s
// GPU Time (the book's: kernel + download): {*} s
// CPU and GPU results equal: true
