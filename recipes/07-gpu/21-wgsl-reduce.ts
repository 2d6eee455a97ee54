/**
 * Reducing 1..10000 in WGSL: a tree in workgroup memory, and integers
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › GPU programming with Numba
 *          (beyond the book: the reduction `@cuda.reduce` writes for you)
 * @covers  none
 * @run     npm run recipe -- gpu/wgsl-reduce
 * @see     gpu/reduce-sum (gpu.js, float32 only), gpu/dot-product
 *
 * Numba's `@cuda.reduce` hides a tree reduction in shared memory; gpu.js
 * cannot write one (no shared memory), so gpu/reduce-sum pays a launch
 * per halving. In WGSL each workgroup of 256 threads loads 256 values
 * into `var<workgroup>` memory and halves them there, with a barrier
 * between steps; one launch turns 10 000 values into 40 partial sums,
 * a second turns 40 into 1. WGSL also has integers: in `u32` the
 * book's int64 answer, 50005000, is exact by construction, whatever
 * the order of the additions.
 */
import { isEntry } from '@cookbook/shared';
import { runEntry } from './backends.ts';
import { Compute } from './wgsl.ts';

// The book's vector 1..10000, and our workgroup size: 256 threads is the
// most WebGPU promises on every device (maxComputeInvocationsPerWorkgroup).
export const N = 10_000;
export const WORKGROUP = 256;

// One launch: workgroup w sums its 256 values into partial[w]. The same
// source serves both element types; only the type name is substituted.
const shader = (type: 'u32' | 'f32') => /* wgsl */ `
@group(0) @binding(0) var<storage, read> values: array<${type}>;
@group(0) @binding(1) var<storage, read_write> partial: array<${type}>;
var<workgroup> scratch: array<${type}, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) g: vec3u,
        @builtin(local_invocation_id) l: vec3u,
        @builtin(workgroup_id) w: vec3u) {
  // Load one value per thread, 0 (the neutral) past the end of the data.
  scratch[l.x] = ${type}(0);
  if (g.x < arrayLength(&values)) { scratch[l.x] = values[g.x]; }
  // Nobody reads scratch until every thread has stored its value.
  workgroupBarrier();
  // Halve: thread i adds in the value \`stride\` places to its right.
  for (var stride = ${WORKGROUP / 2}u; stride > 0u; stride >>= 1u) {
    if (l.x < stride) { scratch[l.x] += scratch[l.x + stride]; }
    workgroupBarrier();
  }
  // Thread 0 holds the workgroup's total; it alone writes it out.
  if (l.x == 0u) { partial[w.x] = scratch[0]; }
}`;

/** Launches until one value is left; returns it and the launch count. */
export async function reduce(gpu: Compute, data: Uint32Array | Float32Array):
  Promise<{ sum: number; launches: number }> {
  // The JS array's type picks the shader: WGSL has real integers.
  const type = data instanceof Uint32Array ? 'u32' : 'f32';
  const pipeline = await gpu.pipeline(shader(type));
  let input = await gpu.upload(data);
  // Each launch shrinks n values to ceil(n / 256) partial sums; the
  // output of one launch is the input of the next, never leaving the GPU.
  let launches = 0;
  for (let n = data.length; n > 1; launches++) {
    const groups = Math.ceil(n / WORKGROUP);
    const output = gpu.output(groups * 4);
    await gpu.dispatch(pipeline, [input, output], [groups]);
    // The launch that read the input is done: free it now, not at exit.
    input.destroy();
    [input, n] = [output, groups];
  }
  // Only the final 4 bytes come back to the CPU.
  const bytes = await gpu.download(input);
  input.destroy();
  // Read the 4 bytes back as the type the shader wrote.
  const sum = type === 'u32' ? new Uint32Array(bytes)[0]!
    : new Float32Array(bytes)[0]!;
  return { sum, launches };
}

// The test checks both sums equal the book's 50005000 and the launch count.
export interface Result {
  device: string;
  u32: number;
  f32: number;
  launches: number;
}

export async function main(): Promise<Result> {
  // The book's arange(10000) + 1, reduced once as u32 and once as f32.
  const vector = Uint32Array.from({ length: N }, (_, i) => i + 1);
  const gpu = await Compute.open();
  // Destroy the Dawn device in `finally`: it holds native GPU resources.
  try {
    // u32 is exact whatever the order; f32 comes out exact from this
    // tree, as in gpu/reduce-sum, where the one-thread loop does not.
    const asU32 = await reduce(gpu, vector);
    const asF32 = await reduce(gpu, Float32Array.from(vector));
    // The book's line, plus which adapter (GPU or llvmpipe) ran it.
    console.log(`vector to reduce = [1 2 3 ... ${N}] on`);
    console.log(`  ${gpu.description}`);
    console.log(`result = ${asU32.sum} (u32, ${asU32.launches} launches of `
      + `${WORKGROUP}-thread workgroups)`);
    console.log(`result = ${asF32.sum} (f32, the same tree)`);
    return { device: gpu.description, u32: asU32.sum, f32: asF32.sum,
      launches: asU32.launches };
  } finally {
    gpu.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// vector to reduce = [1 2 3 ... 10000] on
//   {*}
// result = 50005000 (u32, 2 launches of 256-thread workgroups)
// result = 50005000 (f32, the same tree)
