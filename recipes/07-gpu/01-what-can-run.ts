/**
 * What can run a kernel here: devices, drivers and backends in one table
 *
 * @book    2e ch. 8 "Heterogeneous Computing" › Dealing with PyCUDA
 * @book    2e ch. 8 "Heterogeneous Computing" › Introducing PyOpenCL
 * @book    2e ch. 8 "Heterogeneous Computing" › GPU programming with Numba
 * @book    1e ch. 6 "GPU Programming with Python" › Using the PyOpenCL
 *          module
 * @python  PyCUDA/dealingWithPycuda.py, PyOpenCL/deviceInfoPyopencl.py,
 *          Numba/numba_cuda_detection.py
 * @covers  G1 G9 G11
 * @run     npm run recipe -- gpu/what-can-run
 *
 * The book asks three drivers what they see: CUDA's device count, name,
 * compute capability and memory; OpenCL's platforms and devices; Numba's
 * CUDA self-test. Node has no CUDA or OpenCL binding worth the name, so
 * we ask the question gpu.js users need answered: which backend can
 * run a kernel here, on what device, and is that device really a GPU?
 * We run a tiny kernel on each and print the class that ran it, never
 * `gpu.mode` (which says 'gpu' on a machine without one).
 */
import { existsSync } from 'node:fs';
import { isEntry } from '@cookbook/shared';
import { inChild } from './01-what-can-run.child.ts';
import { BACKENDS, openGpu, pickBest, probe, ranOn, runEntry,
  type Backend, type Probe } from './backends.ts';

// The kernel every backend must run: each thread returns its own index.
function whoAmI(this: { thread: { x: number } }): number {
  return this.thread.x;
}

// A backend's probe (device, software or not, what is missing), the
// kernel class that ran `whoAmI` ('' when it could not run), and
// whether the kernel returned 0..3.
export type Row = Probe & { ranOn: string; correct: boolean };

// Build and run the kernel; a backend that cannot run stays a row.
async function tryBackend(backend: Backend): Promise<Row> {
  // First what the backend needs (a library, a device): missing, no run.
  const p = await probe(backend);
  if (p.missing) return { ...p, ranOn: '', correct: false };
  const gpu = await openGpu(backend);
  // Four threads; the class of the kernel that ran is the truth about
  // where it ran (`gpu.mode` says 'gpu' on a machine without one).
  try {
    const kernel = gpu.createKernel(whoAmI).setOutput([4]);
    const out = (await kernel()) as Float32Array;
    return { ...p, ranOn: ranOn(kernel),
      correct: [...out].join() === '0,1,2,3' };
  } finally {
    // Give back the context (a GL or WebGPU device) before the next one.
    await gpu.destroy();
  }
}

// Numba's CUDA self-test looks for the driver library; so do we.
export function cudaDriver(): string {
  return existsSync('/proc/driver/nvidia/version')
    ? 'NVIDIA driver loaded (/proc/driver/nvidia/version)'
    : 'none (no /proc/driver/nvidia/version)';
}

// One row per backend, the one `best` picks, and why not the others.
export type Result = { rows: Row[]; best: Backend; passedOver: string[] };

export async function main(): Promise<Result> {
  // Try every backend in turn; headless-gl in a child process, since
  // Mesa will not give one process both GL and WebGPU (see .child.ts).
  const rows: Row[] = [];
  for (const backend of BACKENDS) {
    rows.push(backend === 'headlessgl' ? inChild(backend)
      : await tryBackend(backend));
  }
  // The book's first line: "N device(s) found."
  const usable = rows.filter((r) => r.ranOn);
  console.log(`${usable.length} of ${rows.length} gpu.js backends run here.`);
  // Then, like OpenCL's device list: each backend, what ran it, and on
  // what device (the CPU, or a real GPU).
  for (const [i, r] of rows.entries()) {
    const state = r.ranOn ? `ran on ${r.ranOn}, ${r.correct ? 'correct'
      : 'WRONG'}` : `not available: ${r.missing}`;
    console.log(`Backend #${i}: ${r.backend} (${state})`);
    const kind = r.software ? 'the CPU' : 'a GPU';
    console.log(`  Device: ${r.ranOn ? `${r.device}, i.e. ${kind}` : '-'}`);
  }
  // Numba's question: is there a CUDA driver at all?
  console.log(`CUDA driver: ${cudaDriver()}`);
  // What `best` (the default) would pick, and why not the others.
  const { backend: best, passedOver } = pickBest(rows);
  console.log(`best: ${best}`);
  for (const why of passedOver) console.log(`  passed over ${why}`);
  return { rows, best, passedOver };
}

// Run with `--try <backend>` (by .child.ts): one row, as JSON. Run as a
// script: the whole table; a backend that cannot run is one line.
const at = process.argv.indexOf('--try');
if (isEntry(import.meta.url) && at > 0) {
  const backend = process.argv[at + 1] as Backend;
  console.log(JSON.stringify(await tryBackend(backend)));
} else if (isEntry(import.meta.url)) await runEntry(main);

// Output:
// {*} of 4 gpu.js backends run here.
// Backend #0: cpu (ran on CPUKernel, correct)
//   Device: {*}, JS loops, i.e. the CPU
// Backend #1: webasm (ran on WebAssemblyKernel, correct)
//   Device: {*}, WebAssembly, i.e. the CPU
// Backend #2: headlessgl {*}
//   Device: {*}
// Backend #3: webgpu {*}
//   Device: {*}
// CUDA driver: {*}
// best: {*}
// {*}
// {*}
