/**
 * Which gpu.js backend runs a kernel, chosen by the reader and reported
 * truthfully. Every recipe of this chapter opens its `GPU` here.
 *
 * gpu.js 2.24 picks a backend by itself: with no WebGL it silently runs
 * a WebAssembly kernel on the CPU while `gpu.mode` still says 'gpu', and
 * a kernel that fails to compile falls back to its CPU kernel with only
 * a console warning. So we never print `gpu.mode`: we print the class of
 * the kernel that actually ran (`kernel.kernel.constructor.name`).
 *
 * Choose with `--backend cpu|webasm|headlessgl|webgpu|best` or the
 * environment variable COOKBOOK_GPU_BACKEND (the flag wins). The default
 * is `best`: the first of webgpu, headlessgl that runs on real graphics
 * hardware, else webasm, with the reason each other one was passed over.
 * A backend asked for by name that cannot run here is an error (exit 2),
 * never a silent fallback.
 */
import { GPU, HeadlessGLKernel } from 'gpu.js';
import { cpus } from 'node:os';
import { BackendUnavailable, dawnAdapter, SOFTWARE } from './dawn.ts';

export { BackendUnavailable } from './dawn.ts';

export const BACKENDS = ['cpu', 'webasm', 'headlessgl', 'webgpu'] as const;
export type Backend = (typeof BACKENDS)[number];
export type Choice = Backend | 'best';
export const ENV = 'COOKBOOK_GPU_BACKEND';

// The class gpu.js uses for each backend: what a run must report.
export const KERNEL_CLASS: Record<Backend, string> = {
  cpu: 'CPUKernel',
  webasm: 'WebAssemblyKernel',
  headlessgl: 'HeadlessGLKernel',
  webgpu: 'WebGPUKernel',
};

/** The reader's choice: `--backend X`, `--backend=X`, the env var, best. */
export function requestedBackend(argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env): Choice {
  const at = argv.findIndex((a) => a === '--backend'
    || a.startsWith('--backend='));
  const flag = at < 0 ? undefined : argv[at]?.includes('=')
    ? argv[at]?.slice('--backend='.length) : argv[at + 1];
  const value = flag ?? env[ENV] ?? 'best';
  if (value === 'best' || (BACKENDS as readonly string[]).includes(value)) {
    return value as Choice;
  }
  throw new BackendUnavailable(value,
    `choose one of ${[...BACKENDS, 'best'].join(', ')}`, false);
}

export interface Probe {
  backend: Backend;
  /** A one-line reason when it cannot run here. */
  missing?: string;
  /** What does the work: a CPU model, a GL renderer, a Dawn adapter. */
  device: string;
  /** True when that device is the CPU (directly or via llvmpipe). */
  software: boolean;
}

const CPU_MODEL = cpus()[0]?.model.trim() ?? 'unknown CPU';

// headless-gl answers RENDERER with 'ANGLE'; the debug extension, where
// present, names the real renderer. Under Xvfb it is always Mesa's.
function glRenderer(): string {
  const gl = GPU.isHeadlessGLSupported ? HEADLESS.testContext : null;
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl?.getParameter(info.UNMASKED_RENDERER_WEBGL) : '';
  return String(name || gl?.getParameter(gl.VERSION) || 'unknown');
}
// gpu.js keeps the context it tested headless-gl with.
interface GLContext {
  VERSION: number;
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(name: number): unknown;
}
const HEADLESS = HeadlessGLKernel as unknown as
  { testContext: GLContext | null };

/** Whether a backend can run here, and on what. */
export async function probe(backend: Backend): Promise<Probe> {
  switch (backend) {
    case 'cpu':
      return { backend, device: `${CPU_MODEL}, JS loops`, software: true };
    case 'webasm':
      return GPU.isWebAssemblySupported
        ? { backend, device: `${CPU_MODEL}, WebAssembly`, software: true }
        : { backend, device: '', software: true,
          missing: 'this Node has no WebAssembly' };
    case 'headlessgl': {
      if (!GPU.isHeadlessGLSupported) {
        const why = !process.env['DISPLAY'] ? 'no X display (run under '
          + 'xvfb-run -a, after npm run gpu:setup)' : 'the gl module is '
          + 'not built or has no context (npm run gpu:setup)';
        return { backend, device: '', software: true, missing: why };
      }
      const device = glRenderer();
      // Xvfb has no hardware GL: Mesa renders its contexts on the CPU.
      const xvfb = !device.match(/nvidia|amd|radeon|intel/i);
      return { backend, device, software: SOFTWARE.test(device) || xvfb };
    }
    case 'webgpu': {
      const dawn = await dawnAdapter();
      return typeof dawn === 'string'
        ? { backend, device: '', software: true, missing: dawn }
        : { backend, device: dawn.description, software: dawn.software };
    }
  }
}

export interface Choosing {
  backend: Backend;
  /** Why each other candidate was passed over (for `best`). */
  passedOver: string[];
}

/** Resolves `best`, or checks that a named backend can run here. */
export async function choose(choice: Choice = requestedBackend()):
  Promise<Choosing> {
  if (choice !== 'best') {
    const p = await probe(choice);
    if (p.missing) throw new BackendUnavailable(choice, p.missing);
    return { backend: choice, passedOver: [] };
  }
  // Dawn first: once headless-gl has made a GLX context in this process,
  // Mesa's EGL no longer initialises for Dawn.
  return pickBest([await probe('webgpu'), await probe('headlessgl')]);
}

/** `best` from probes: real graphics hardware first, else webasm. */
export function pickBest(probes: Probe[]): Choosing {
  const passedOver: string[] = [];
  for (const backend of ['webgpu', 'headlessgl'] as const) {
    const p = probes.find((x) => x.backend === backend);
    if (!p) continue;
    if (!p.missing && !p.software) return { backend, passedOver };
    passedOver.push(`${backend}: ${p.missing ?? `${p.device} renders on `
      + 'the CPU, slower than webasm'}`);
  }
  return { backend: 'webasm', passedOver };
}

/** A GPU for the backend; for webgpu, Dawn stands in for navigator.gpu. */
export async function openGpu(backend: Backend): Promise<GPU> {
  if (backend === 'webgpu') await provideNavigatorGpu();
  return new GPU({ mode: backend });
}

async function provideNavigatorGpu(): Promise<void> {
  const dawn = await dawnAdapter();
  if (typeof dawn === 'string') throw new BackendUnavailable('webgpu', dawn);
  if ((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    return;
  }
  const gpu = {
    requestAdapter: dawn.requestAdapter,
    getPreferredCanvasFormat: () => 'rgba8unorm',
    wgslLanguageFeatures: new Set<string>(),
  };
  Object.defineProperty(globalThis, 'navigator', { configurable: true,
    value: { ...(globalThis as { navigator?: object }).navigator, gpu } });
}

/** The class of the kernel that ran last: the truth, not `gpu.mode`. */
export function ranOn(kernel: unknown): string {
  const inner = (kernel as { kernel?: object }).kernel;
  return inner?.constructor.name ?? 'not run yet';
}

/** Runs a recipe's main as its entry: a missing backend is one line. */
export async function runEntry(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof BackendUnavailable)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
