/**
 * Dawn, Google's WebGPU engine, as Node sees it through the `webgpu` npm
 * package (0.6.2; binaries inside the package, nothing to build). This
 * file finds an adapter once per process and shares it: the WGSL recipes
 * ask it for a device, and backends.ts uses it to give gpu.js the
 * `navigator.gpu` that a browser would.
 *
 * Where it runs: on a machine with a GPU, Dawn's default backend (Vulkan
 * on Linux) finds it. On a machine without one, Debian 12's lavapipe is
 * too old for Dawn's Vulkan backend, so we fall back to Dawn's OpenGL ES
 * backend on Mesa's llvmpipe, through EGL with no display
 * (`EGL_PLATFORM=surfaceless`) and WebGPU's "compatibility" feature
 * level. That is real WGSL compiled and run, but on the CPU.
 */
import { create, globals } from 'webgpu';

export interface DawnAdapter {
  /** A fresh adapter each call: WebGPU lets one adapter make one device. */
  requestAdapter: () => Promise<GPUAdapter>;
  /** The GPU that Dawn chose, e.g. "llvmpipe (OpenGL ES 3.2 Mesa 22.3.6)". */
  description: string;
  /** True when the "GPU" is a software rasteriser on the CPU. */
  software: boolean;
  /** The Dawn flags that found it. */
  flags: string[];
}

// Software renderers: Mesa's llvmpipe / lavapipe / softpipe, SwiftShader.
export const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader/i;

// The order we try: the platform's native backend, then GLES on the CPU.
const ATTEMPTS: { flags: string[]; options: Record<string, string> }[] = [
  { flags: [], options: { powerPreference: 'high-performance' } },
  { flags: ['backend=opengles'], options: { featureLevel: 'compatibility' } },
];

let found: Promise<DawnAdapter | string> | undefined;

async function search(): Promise<DawnAdapter | string> {
  // Mesa reads these when EGL starts; without them it looks for an X
  // display, and Dawn prints a warning about XDG_RUNTIME_DIR.
  process.env['EGL_PLATFORM'] ??= 'surfaceless';
  process.env['XDG_RUNTIME_DIR'] ??= '/tmp';
  Object.assign(globalThis, globals);
  for (const { flags, options } of ATTEMPTS) {
    const gpu = create(flags);
    const adapter = await gpu.requestAdapter(options);
    if (!adapter) continue;
    const requestAdapter = async (): Promise<GPUAdapter> =>
      (await gpu.requestAdapter(options)) ?? adapter;
    const { device, description, vendor } = adapter.info;
    const name = [vendor, device].filter(Boolean).join(' ')
      .replace(/-+$/, '') || 'unknown';
    const api = description.replace(/^OpenGL version /, '');
    const text = api ? `${name} (${api})` : name;
    return { requestAdapter, flags, description: text,
      software: SOFTWARE.test(text) };
  }
  return 'Dawn found no adapter (neither Vulkan nor OpenGL ES via EGL)';
}

/** The adapter, or a one-line reason there is none. Found once. */
export function dawnAdapter(): Promise<DawnAdapter | string> {
  found ??= search().catch((error: unknown) =>
    `Dawn did not load: ${(error as Error).message.split('\n')[0]}`);
  return found;
}

/** A device on the shared adapter; the caller destroys it. */
export async function dawnDevice(): Promise<
  { device: GPUDevice; description: string }> {
  const dawn = await dawnAdapter();
  if (typeof dawn === 'string') throw new BackendUnavailable('webgpu', dawn);
  const adapter = await dawn.requestAdapter();
  const { limits } = adapter;
  // Ask for the adapter's own limits: the defaults are lower.
  const device = await adapter.requestDevice({ requiredLimits: {
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
    maxComputeInvocationsPerWorkgroup:
      limits.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
    maxComputeWorkgroupSizeY: limits.maxComputeWorkgroupSizeY,
  } });
  return { device, description: dawn.description };
}

/** A requested backend this machine cannot run: exit 2, one line. */
export class BackendUnavailable extends Error {
  override name = 'BackendUnavailable';
  constructor(backend: string, reason: string, known = true) {
    super(known ? `backend ${backend} is not available here: ${reason}`
      : `unknown backend "${backend}": ${reason}`);
  }
}
