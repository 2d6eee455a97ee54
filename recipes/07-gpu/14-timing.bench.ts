/**
 * Benchmark Transfer (gpu/timing): what moving data costs next to the
 * kernel, through Dawn. For 10^4 and 10^6 float32 values: the upload of
 * two vectors, the kernel (each sum repeated REPEAT times, as in the
 * book), the download of the result, and the same work on the CPU. A
 * GPU pays off only when kernel + copies beat the CPU column.
 */
import { smokeSize, suite, type Suite } from '@cookbook/bench';
import { seededFloats } from './check.ts';
import { cpuVectorSum, shader } from './14-timing.ts';
import { Compute } from './wgsl.ts';

const SIZES = smokeSize([10_000, 1_000_000], [1000]);
const REPEAT = 100;

function transferSuite(n: number): Suite {
  const a = seededFloats(n, 141);
  const b = seededFloats(n, 142);
  let gpu: Compute | undefined;
  let pipeline: GPUComputePipeline | undefined;
  let buffers: GPUBuffer[] = [];
  const s = suite('Transfer', { runs: 5, warmup: 1, meta: { n, REPEAT },
    answer: () => true,
    before: async () => {
      gpu = await Compute.open();
      pipeline = await gpu.pipeline(shader(REPEAT));
      buffers = [await gpu.upload(a), await gpu.upload(b),
        gpu.output(a.byteLength)];
    },
    after: () => gpu?.destroy() });
  s.add(`n=${n}/phase=cpu`, () => cpuVectorSum(a, b, REPEAT));
  s.add(`n=${n}/phase=upload`, async () => {
    const uploaded = await Promise.all([gpu!.upload(a), gpu!.upload(b)]);
    for (const buffer of uploaded) buffer.destroy();
  });
  s.add(`n=${n}/phase=kernel`, () => gpu!.dispatch(pipeline!, buffers,
    [Math.ceil(n / 64)]));
  s.add(`n=${n}/phase=download`, () => gpu!.download(buffers[2]!));
  return s;
}

export default SIZES.map(transferSuite);
