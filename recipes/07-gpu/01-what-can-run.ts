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
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isEntry, TSX_EXEC_ARGV } from '@cookbook/shared';
import {
  BACKENDS,
  openGpu,
  pickBest,
  probe,
  ranOn,
  runEntry,
  type Backend,
  type Probe,
} from './backends.ts';

// The kernel every backend must run: each thread returns its own index.
function whoAmI(this: { thread: { x: number } }): number {
  return this.thread.x;
}

export interface Row extends Probe {
  /** The kernel class that ran `whoAmI`, or '' when it could not run. */
  ranOn: string;
  /** Did the kernel return 0..3? */
  correct: boolean;
}

// Build and run the kernel; a backend that cannot run stays a row.
async function tryBackend(backend: Backend): Promise<Row> {
  const p = await probe(backend);
  if (p.missing) return { ...p, ranOn: '', correct: false };
  const gpu = await openGpu(backend);
  try {
    const kernel = gpu.createKernel(whoAmI).setOutput([4]);
    const out = (await kernel()) as Float32Array;
    return { ...p, ranOn: ranOn(kernel),
      correct: [...out].join() === '0,1,2,3' };
  } finally {
    await gpu.destroy();
  }
}

// Mesa lets a process hold a GLX context (headless-gl) or an EGL one
// (Dawn), not both, so headless-gl is tried in a child process.
function inChild(backend: Backend): Row {
  const child = spawnSync(process.execPath, [...TSX_EXEC_ARGV,
    fileURLToPath(import.meta.url), '--try', backend],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{') ? JSON.parse(last) as Row : { backend,
    device: '', software: true, ranOn: '', correct: false,
    missing: `the trial process failed (exit ${child.status})` };
}

// Numba's CUDA self-test looks for the driver library; so do we.
export function cudaDriver(): string {
  return existsSync('/proc/driver/nvidia/version')
    ? 'NVIDIA driver loaded (/proc/driver/nvidia/version)'
    : 'none (no /proc/driver/nvidia/version)';
}

export interface Result {
  rows: Row[];
  best: Backend;
  passedOver: string[];
}

export async function main(): Promise<Result> {
  const rows: Row[] = [];
  for (const backend of BACKENDS) {
    rows.push(backend === 'headlessgl' ? inChild(backend)
      : await tryBackend(backend));
  }
  // The book's first line: "N device(s) found."
  const usable = rows.filter((r) => r.ranOn);
  console.log(`${usable.length} of ${rows.length} gpu.js backends run here.`);
  for (const [i, r] of rows.entries()) {
    const state = r.ranOn ? `ran on ${r.ranOn}, ${r.correct ? 'correct'
      : 'WRONG'}` : `not available: ${r.missing}`;
    console.log(`Backend #${i}: ${r.backend} (${state})`);
    const kind = r.software ? 'the CPU' : 'a GPU';
    console.log(`  Device: ${r.ranOn ? `${r.device}, i.e. ${kind}` : '-'}`);
  }
  console.log(`CUDA driver: ${cudaDriver()}`);
  // What `best` (the default) would pick, and why not the others.
  const { backend: best, passedOver } = pickBest(rows);
  console.log(`best: ${best}`);
  for (const why of passedOver) console.log(`  passed over ${why}`);
  return { rows, best, passedOver };
}

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
