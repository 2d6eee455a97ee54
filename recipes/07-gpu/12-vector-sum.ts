/**
 * A vector sum with explicit buffers: WGSL through WebGPU
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Building applications
 *          with PyOpenCL
 * @book    1e ch. 6 "GPU Programming with Python" › How to build a
 *          PyOpenCL application
 * @python  PyOpenCL/vectorSumPyopencl.py
 * @covers  G12
 * @run     npm run recipe -- gpu/vector-sum
 *
 * OpenCL makes every step explicit; WebGPU, which gpu.js hides, has the
 * same steps under other names, named below. Book bug, fixed here:
 * NumPy's `randint` gives int64 on Linux while the kernel reads 32-bit
 * `int`, so it sums halves of numbers and the assert fails. We keep both
 * sides 32-bit (Int32Array, `i32`) and show what the book's kernel read.
 */
import { isEntry, randomInts } from '@cookbook/shared';
import { runEntry } from './backends.ts';
// Dawn, Google's WebGPU in C++, is the Node binding we run WGSL on.
import { dawnDevice } from './dawn.ts';

// The book's vector_dimension: 100 random integers below 100.
export const VECTOR_DIMENSION = 100;

// OpenCL's `vectorSum`, in WGSL. `gid` is `get_global_id(0)`; work-items
// past the end (64-wide workgroups overshoot 100) do nothing.
const SHADER = /* wgsl */ `
// Bindings 0, 1, 2 are the bind group's entries: a_g, b_g, res_g.
@group(0) @binding(0) var<storage, read> a_g: array<i32>;
@group(0) @binding(1) var<storage, read> b_g: array<i32>;
@group(0) @binding(2) var<storage, read_write> res_g: array<i32>;
@compute @workgroup_size(64)
fn vectorSum(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i < arrayLength(&res_g)) { res_g[i] = a_g[i] + b_g[i]; }
}`;

/** What a 32-bit kernel reads from int64 data: low word, high word... */
// Little-endian: the low word holds a small value, the high word is 0.
export function int64ReadAsInt32(values: number[]): Int32Array {
  const wide = BigInt64Array.from(values, (v) => BigInt(v));
  return new Int32Array(wide.buffer, 0, values.length);
}

export interface Result {
  device: string;
  a: Int32Array;
  b: Int32Array;
  sum: Int32Array;
  /** The book's bug: what its kernel would have summed. */
  bookSum: Int32Array;
}

export async function main(): Promise<Result> {
  const a = Int32Array.from(randomInts(VECTOR_DIMENSION, 99, 121));
  const b = Int32Array.from(randomInts(VECTOR_DIMENSION, 99, 122));
  // OpenCL's platform, context and queue: Dawn's adapter and device.
  const { device, description } = await dawnDevice();
  try {
    // Buffers: A and B filled from the host (cl.Buffer's COPY_HOST_PTR),
    // one for the result, and a mappable one to copy it into, since a
    // storage buffer cannot be mapped.
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const aG = device.createBuffer({ size: a.byteLength, usage });
    const bG = device.createBuffer({ size: b.byteLength, usage });
    device.queue.writeBuffer(aG, 0, a);
    device.queue.writeBuffer(bG, 0, b);
    const resG = device.createBuffer({ size: a.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readBack = device.createBuffer({ size: a.byteLength,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    // The program: compiled from source, its buffers bound by number.
    // cl.Program(...).build() is a shader module in a compute pipeline.
    const module = device.createShaderModule({ code: SHADER });
    const pipeline = device.createComputePipeline({ layout: 'auto',
      compute: { module, entryPoint: 'vectorSum' } });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [aG, bG, resG].map((buffer, binding) =>
        ({ binding, resource: { buffer } })) });
    // The launch, then the copy back, recorded and submitted together.
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(VECTOR_DIMENSION / 64));
    pass.end();
    encoder.copyBufferToBuffer(resG, 0, readBack, 0, a.byteLength);
    device.queue.submit([encoder.finish()]);
    // mapAsync waits for the GPU, as the book's blocking enqueue_copy does.
    await readBack.mapAsync(GPUMapMode.READ);
    // Copy the bytes out before unmap() hands the buffer back to the GPU.
    const sum = new Int32Array(readBack.getMappedRange().slice(0));
    readBack.unmap();
    // Replay the book's bug on the host, then print the book's lines.
    const bookB = int64ReadAsInt32([...b]);
    const bookSum = int64ReadAsInt32([...a]).map((v, i) => v + bookB[i]!);
    const show = (v: Int32Array) => `[${v.slice(0, 12).join(' ')} ...]`;
    console.log('WebGPU (WGSL) SUM OF TWO VECTORS');
    console.log(`Device Selected = ${description}`);
    console.log(`VECTOR LENGTH = ${VECTOR_DIMENSION}`);
    console.log(`INPUT VECTOR A\n${show(a)}`);
    console.log(`INPUT VECTOR B\n${show(b)}`);
    console.log(`OUTPUT VECTOR RESULT A + B\n${show(sum)}`);
    console.log(`the book's int64 data read as int32 would give\n`
      + show(bookSum));
    return { device: description, a, b, sum, bookSum };
  } finally {
    device.destroy();
  }
}

// Run main() only when this file is the entry, not when a test imports it.
if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// WebGPU (WGSL) SUM OF TWO VECTORS
// Device Selected = {*}
// VECTOR LENGTH = 100
// INPUT VECTOR A
// [91 4 22 48 62 9 67 49 54 68 21 98 ...]
// INPUT VECTOR B
// [62 98 61 38 56 45 28 54 98 52 92 58 ...]
// OUTPUT VECTOR RESULT A + B
// [153 102 83 86 118 54 95 103 152 120 113 156 ...]
// the book's int64 data read as int32 would give
// [153 0 102 0 83 0 86 0 118 0 54 0 ...]
