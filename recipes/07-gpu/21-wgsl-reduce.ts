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

// The book's vector 1..10000, and our workgroup size.
export const N = 10_000;
export const WORKGROUP = 256;

// One launch: workgroup w sums its 256 values into partial[w].
const shader = (type: 'u32' | 'f32') => /* wgsl */ `
@group(0) @binding(0) var<storage, read> values: array<${type}>;
@group(0) @binding(1) var<storage, read_write> partial: array<${type}>;
var<workgroup> scratch: array<${type}, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) g: vec3u,
        @builtin(local_invocation_id) l: vec3u,
        @builtin(workgroup_id) w: vec3u) {
  scratch[l.x] = ${type}(0);
  if (g.x < arrayLength(&values)) { scratch[l.x] = values[g.x]; }
  workgroupBarrier();
  // Halve: thread i adds in the value \`stride\` places to its right.
  for (var stride = ${WORKGROUP / 2}u; stride > 0u; stride >>= 1u) {
    if (l.x < stride) { scratch[l.x] += scratch[l.x + stride]; }
    workgroupBarrier();
  }
  if (l.x == 0u) { partial[w.x] = scratch[0]; }
}`;

/** Launches until one value is left; returns it and the launch count. */
export async function reduce(gpu: Compute, data: Uint32Array | Float32Array):
  Promise<{ sum: number; launches: number }> {
  const type = data instanceof Uint32Array ? 'u32' : 'f32';
  const pipeline = await gpu.pipeline(shader(type));
  let input = await gpu.upload(data);
  let launches = 0;
  for (let n = data.length; n > 1; launches++) {
    const groups = Math.ceil(n / WORKGROUP);
    const output = gpu.output(groups * 4);
    await gpu.dispatch(pipeline, [input, output], [groups]);
    input.destroy();
    [input, n] = [output, groups];
  }
  const bytes = await gpu.download(input);
  input.destroy();
  const sum = type === 'u32' ? new Uint32Array(bytes)[0]!
    : new Float32Array(bytes)[0]!;
  return { sum, launches };
}

export interface Result {
  device: string;
  u32: number;
  f32: number;
  launches: number;
}

export async function main(): Promise<Result> {
  const vector = Uint32Array.from({ length: N }, (_, i) => i + 1);
  const gpu = await Compute.open();
  try {
    const asU32 = await reduce(gpu, vector);
    const asF32 = await reduce(gpu, Float32Array.from(vector));
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

if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// vector to reduce = [1 2 3 ... 10000] on
//   {*}
// result = 50005000 (u32, 2 launches of 256-thread workgroups)
// result = 50005000 (f32, the same tree)
