/**
 * The WebGPU steps gpu/vector-sum spells out, as a few helpers for the
 * recipes that come after it: a device, buffers filled from the host,
 * one compute pass, a copy back. Each call waits for the queue to finish
 * (`onSubmittedWorkDone`), so its time is the time of that step alone.
 */
import { dawnDevice } from './dawn.ts';

type Data = Float32Array | Uint32Array | Int32Array;

export class Compute {
  readonly device: GPUDevice;
  /** The adapter that runs the shaders: a GPU, or llvmpipe on the CPU. */
  readonly description: string;

  private constructor(device: GPUDevice, description: string) {
    this.device = device;
    this.description = description;
  }

  static async open(): Promise<Compute> {
    const { device, description } = await dawnDevice();
    return new Compute(device, description);
  }

  /** A storage buffer holding a copy of `data` (host to device). */
  async upload(data: Data): Promise<GPUBuffer> {
    const buffer = this.device.createBuffer({ size: data.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST
        | GPUBufferUsage.COPY_SRC });
    // Dawn refuses a view of a SharedArrayBuffer: copy it to a plain one.
    const plain = data.buffer instanceof SharedArrayBuffer ? data.slice()
      : data;
    this.device.queue.writeBuffer(buffer, 0, plain);
    await this.device.queue.onSubmittedWorkDone();
    return buffer;
  }

  /** An uninitialised storage buffer for results. */
  output(bytes: number): GPUBuffer {
    return this.device.createBuffer({ size: bytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  }

  /** A compiled compute pipeline (rejects on a WGSL or limit error). */
  pipeline(code: string, entryPoint = 'main'): Promise<GPUComputePipeline> {
    const module = this.device.createShaderModule({ code });
    return this.device.createComputePipelineAsync({ layout: 'auto',
      compute: { module, entryPoint } });
  }

  /** One pass over `workgroups`, buffers bound as 0, 1, 2...; waits. */
  async dispatch(pipeline: GPUComputePipeline, buffers: GPUBuffer[],
    workgroups: [number, number?]): Promise<void> {
    const bindGroup = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) =>
        ({ binding, resource: { buffer } })) });
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1] ?? 1);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Device to host: copy into a mappable buffer, map it, copy out. */
  async download(buffer: GPUBuffer): Promise<ArrayBuffer> {
    const readBack = this.device.createBuffer({ size: buffer.size,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, readBack, 0, buffer.size);
    this.device.queue.submit([encoder.finish()]);
    await readBack.mapAsync(GPUMapMode.READ);
    const bytes = readBack.getMappedRange().slice(0);
    readBack.destroy();
    return bytes;
  }

  destroy(): void {
    this.device.destroy();
  }
}
