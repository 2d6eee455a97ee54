/**
 * TypeScript-safe worker threads: spawn, read input, join, pool.
 *
 * Plumbing only: recipes decide what workers do and how they share memory.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, workerData, type WorkerOptions } from 'node:worker_threads';
import { Piscina } from 'piscina';

const BOOT = new URL('./boot.mjs', import.meta.url);

/** What boot.mjs receives: the module to import and the recipe's data. */
interface BootData {
  entry: string;
  data: unknown;
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
  const boot: BootData = { entry: String(entry), data };
  const worker = new Worker(BOOT, { ...options, workerData: boot });
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
const TSX_LOADER = pathToFileURL(
  createRequire(import.meta.url).resolve('tsx'),
).href;

/** The execArgv a worker needs to load TypeScript (piscina, vitest). */
export const TSX_EXEC_ARGV: readonly string[] = ['--import', TSX_LOADER];

export type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

/**
 * A piscina pool on a task module. For a `.ts` task we pass tsx's loader
 * in `execArgv`: without it piscina fails inside vitest (vitest#6040).
 */
export function pool(task: URL | string, options: PoolOptions = {}): Piscina {
  const filename = String(task);
  const execArgv = /\.[cm]?ts$/.test(filename)
    ? [...TSX_EXEC_ARGV, ...(options.execArgv ?? [])]
    : options.execArgv;
  return new Piscina({
    ...options,
    filename,
    ...(execArgv === undefined ? {} : { execArgv }),
  });
}
