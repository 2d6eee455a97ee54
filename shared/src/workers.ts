/**
 * TypeScript-safe worker threads: spawn, read input, join, pool.
 *
 * Plumbing only: recipes decide what workers do and how they share memory.
 *
 * Start-up: a `.ts` entry is bundled once into cached JavaScript (see
 * bundle.mjs for the lever and its costs), and the worker starts with
 * tsx's flags removed from its execArgv, so no loader runs in it. What
 * that saves is measured by recipes/01-threads/26-startup.bench.ts.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  isMainThread,
  Worker,
  workerData,
  type WorkerOptions,
} from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { bundleSync } from './bundle.mjs';

const BOOT = new URL('./boot.mjs', import.meta.url);
const require = createRequire(import.meta.url);

/** What boot.mjs receives: the module to import and the recipe's data. */
interface BootData {
  /** The `.ts` (or `.js`) module's URL, as the caller gave it. */
  entry: string;
  /** Its cached bundle, when there is one (else tsx compiles `entry`). */
  bundle?: string;
  data: unknown;
}

// The flags tsx puts in execArgv (`--require …/tsx/dist/preflight.cjs
// --import …/tsx/dist/loader.mjs`), which a worker inherits. A worker
// that runs a bundle needs no loader, and loading one is most of what a
// TypeScript worker used to cost.
const LOADER_FLAGS = new Set(['--require', '-r', '--import', '--loader',
  '--experimental-loader']);
const isTsx = (value: string): boolean =>
  value === 'tsx' || /[\\/]tsx[\\/]/.test(value);

/** `argv` without tsx's loader flags (other flags are kept). */
export function withoutTsx(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag = '', value] = arg.split(/=(.*)/s);
    if (value !== undefined && LOADER_FLAGS.has(flag) && isTsx(value)) {
      continue;
    }
    const next = argv[i + 1];
    if (LOADER_FLAGS.has(arg) && next !== undefined && isTsx(next)) {
      i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

export type SpawnOptions = Omit<WorkerOptions, 'workerData' | 'eval'>;

/**
 * Starts a worker thread on a `.ts` (or `.js`) module. `data` arrives in
 * the worker through `workerInput()`; it is cloned, or shared when it is
 * (or holds) a SharedArrayBuffer.
 */
export function spawnWorker(
  entry: URL | string,
  data?: unknown,
  options: SpawnOptions = {},
): Worker {
  const bundle = bundleSync(entry);
  const boot: BootData = { entry: String(entry), data,
    ...(bundle === undefined ? {} : { bundle }) };
  // With a bundle, drop tsx's inherited flags; without one (esbuild
  // could not bundle it), keep them: the fallback registers tsx.
  const execArgv = bundle === undefined
    ? options.execArgv
    : withoutTsx(options.execArgv ?? process.execArgv);
  const worker = new Worker(BOOT, {
    ...options,
    ...(execArgv === undefined ? {} : { execArgv }),
    workerData: boot,
  });
  track(worker);
  return worker;
}

// ── Exit tracking ──────────────────────────────────────────────────
// A worker can exit before anyone calls join() (say, while we await its
// sibling's message), and a late 'exit' listener would wait forever. So we
// record every worker's end from the moment it starts.
interface Ending {
  exit: Promise<number>;
  /** Someone is told about a failure, so we need not rethrow it. */
  observed: boolean;
}

const endings = new WeakMap<Worker, Ending>();

function track(worker: Worker): Ending {
  const known = endings.get(worker);
  if (known) return known;
  let failure: Error | undefined;
  const ending: Ending = { observed: false, exit: Promise.resolve(0) };
  ending.exit = new Promise<number>((resolve, reject) => {
    worker.once('error', (error: Error) => {
      failure = error;
    });
    worker.once('exit', (code) => {
      if (failure === undefined) return resolve(code);
      reject(failure);
      // Nobody joined or listened: fail loudly, as Node would have.
      if (!ending.observed) {
        const error = failure;
        queueMicrotask(() => {
          throw error;
        });
      }
    });
  });
  ending.exit.catch(() => {}); // reported via join() or rethrown above
  endings.set(worker, ending);
  return ending;
}

/** The `data` a worker was spawned with. Call it inside the worker. */
export function workerInput<T>(): T {
  const boot = workerData as BootData | undefined;
  if (boot === undefined || boot === null || !('entry' in boot)) {
    throw new Error('workerInput() called outside a spawnWorker() worker');
  }
  return boot.data as T;
}

/**
 * True in a worker that spawnWorker() started on `moduleUrl` (pass
 * `import.meta.url`): lets a module that is also imported elsewhere (a
 * piscina task file, say) serve messages only when it is the entry.
 */
export function isWorkerEntry(moduleUrl: string): boolean {
  if (isMainThread) return false;
  const boot = workerData as Partial<BootData> | null | undefined;
  return boot?.entry === moduleUrl;
}

/**
 * Resolves with the worker's exit code; rejects if it threw. Works even
 * when the worker has already exited.
 */
export function join(worker: Worker): Promise<number> {
  const ending = track(worker);
  ending.observed = true;
  return ending.exit;
}

/**
 * Waits for every worker. If one fails, the others are terminated (so
 * nothing hangs) and the first error is rethrown.
 */
export async function joinAll(workers: Worker[]): Promise<number[]> {
  const joins = workers.map((w) => join(w));
  try {
    return await Promise.all(joins);
  } catch (error) {
    await Promise.allSettled(workers.map((w) => w.terminate()));
    await Promise.allSettled(joins);
    throw error;
  }
}

/** The next message a worker posts (rejects if it fails first). */
export function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: T): void => {
      cleanup();
      resolve(value);
    };
    const onError = (error: Error): void => {
      cleanup();
      track(worker).observed = true;
      reject(error);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`worker exited (code ${code}) before posting`));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

// `--import tsx` resolved to an absolute URL, so it works from any cwd.
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/** The execArgv a worker needs to load TypeScript (piscina, vitest). */
export const TSX_EXEC_ARGV: readonly string[] = ['--import', TSX_LOADER];

export type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

// piscina is loaded on first use: a worker that imports this module
// (most recipes do) and never makes a pool does not pay for it.
let PiscinaClass: typeof Piscina | undefined;
function piscina(): typeof Piscina {
  PiscinaClass ??= (require('piscina') as { Piscina: typeof Piscina })
    .Piscina;
  return PiscinaClass;
}

/**
 * A piscina pool on a task module. A `.ts` task runs from its cached
 * bundle, with source maps on and no loader. If it cannot be bundled we
 * pass tsx's loader in `execArgv` (without it, piscina fails inside
 * vitest: vitest#6040).
 */
export function pool(task: URL | string, options: PoolOptions = {}): Piscina {
  const Pool = piscina();
  const filename = String(task);
  const ts = /\.[cm]?ts$/.test(filename);
  const bundle = ts ? bundleSync(task) : undefined;
  if (bundle !== undefined) {
    const inherited = withoutTsx(options.execArgv ?? process.execArgv);
    return new Pool({ ...options, filename: bundle,
      execArgv: ['--enable-source-maps', ...inherited] });
  }
  const execArgv = ts
    ? [...TSX_EXEC_ARGV, ...(options.execArgv ?? [])]
    : options.execArgv;
  return new Pool({
    ...options,
    filename,
    ...(execArgv === undefined ? {} : { execArgv }),
  });
}
