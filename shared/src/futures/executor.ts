/**
 * An Executor with Python's `concurrent.futures.Executor` interface:
 * `submit`, `map` (results in input order), `shutdown({ wait,
 * cancelFutures })`, and `await using` for Python's `with`.
 *
 * How it is built: the executor keeps its own queue of work items and
 * hands at most `maxWorkers` of them at a time to a backend (a piscina
 * pool, a process pool). Keeping the queue here, not in the backend, is
 * what gives the Python lifecycle: a future in our queue is PENDING and
 * can be cancelled; one handed to the backend is RUNNING and cannot.
 *
 * What differs from Python: a worker runs a *module*, not a function
 * (JavaScript functions cannot be sent to another thread or process),
 * so an executor is made for one task module, and `submit(input)` calls
 * that module's default export with `input`.
 */
import { Future, TimeoutError } from './future.ts';

/** What an executor needs from a pool: run one task, and close. */
export interface Backend<I, O> {
  run(input: I): Promise<O>;
  close(): Promise<void>;
}

export interface ShutdownOptions {
  /** Wait until every future is done and the pool closed (default). */
  wait?: boolean;
  /** Cancel every future that has not started (default false). */
  cancelFutures?: boolean;
}

interface WorkItem<I, O> {
  future: Future<O>;
  input: I;
}

export class Executor<I, O> {
  readonly maxWorkers: number;
  #backend: Backend<I, O>;
  #queue: WorkItem<I, O>[] = [];
  #active = 0;
  #shutdown = false;
  #idle: (() => void)[] = [];
  #closed: Promise<void> | undefined;

  constructor(backend: Backend<I, O>, maxWorkers: number) {
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
      throw new RangeError(`maxWorkers must be >= 1, got ${maxWorkers}`);
    }
    this.#backend = backend;
    this.maxWorkers = maxWorkers;
  }

  /** Schedules one call of the task; returns its future at once. */
  submit(input: I): Future<O> {
    if (this.#shutdown) {
      throw new Error('cannot schedule new futures after shutdown');
    }
    const future = new Future<O>();
    this.#queue.push({ future, input });
    this.#pump();
    return future;
  }

  /**
   * Submits every input now and yields the results in input order, as
   * Python's `map` does. `timeout` (ms) counts from this call; leaving
   * the loop early cancels the futures that have not started.
   */
  async *map(
    inputs: Iterable<I>,
    options: { timeout?: number } = {},
  ): AsyncGenerator<O, void, undefined> {
    const deadline = options.timeout === undefined ? undefined
      : performance.now() + options.timeout;
    const futures = [...inputs].map((input) => this.submit(input));
    try {
      for (const future of futures) {
        yield await future.result(deadline === undefined ? undefined
          : Math.max(0, deadline - performance.now()));
      }
    } finally {
      for (const future of futures) future.cancel();
    }
  }

  /**
   * Stops taking work. `cancelFutures` cancels what has not started;
   * `wait` resolves only once everything else is done and the pool is
   * closed. With `wait: false` the pool closes by itself when idle.
   */
  async shutdown(options: ShutdownOptions = {}): Promise<void> {
    const { wait = true, cancelFutures = false } = options;
    this.#shutdown = true;
    if (cancelFutures) {
      for (const item of this.#queue.splice(0)) item.future.cancel();
    }
    this.#closed ??= this.#whenIdle().then(() => this.#backend.close());
    if (wait) await this.#closed;
    else this.#closed.catch(() => {});
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown({ wait: true });
  }

  // Starts queued items while a worker slot is free. A cancelled item is
  // dropped here: `setRunningOrNotifyCancel` says it must not run.
  #pump(): void {
    while (this.#active < this.maxWorkers && this.#queue.length > 0) {
      const { future, input } = this.#queue.shift()!;
      if (!future.setRunningOrNotifyCancel()) continue;
      this.#active++;
      this.#start(input).then(
        (value) => future.setResult(value),
        (error: unknown) => future.setException(error),
      ).finally(() => {
        this.#active--;
        this.#pump();
      });
    }
    if (this.#active === 0 && this.#queue.length === 0) {
      for (const wake of this.#idle.splice(0)) wake();
    }
  }

  // A backend that throws instead of rejecting still fails the future.
  #start(input: I): Promise<O> {
    try {
      return this.#backend.run(input);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idle.push(resolve);
      this.#pump();
    });
  }
}

/**
 * Yields each future as it finishes (those already done first), like
 * Python's `as_completed`. Rejects with `TimeoutError` if some are not
 * done `timeout` ms after the call.
 */
export async function* asCompleted<T>(
  futures: Iterable<Future<T>>,
  timeout?: number,
): AsyncGenerator<Future<T>, void, undefined> {
  const deadline = timeout === undefined ? undefined
    : performance.now() + timeout;
  const pending = new Set(futures);
  const finished: Future<T>[] = [];
  let wake: (() => void) | undefined;
  for (const future of pending) {
    future.addDoneCallback((f) => {
      finished.push(f);
      wake?.();
    });
  }
  while (pending.size > 0) {
    if (finished.length === 0) {
      const left = deadline === undefined ? undefined
        : deadline - performance.now();
      if (left !== undefined && left <= 0) {
        throw new TimeoutError(`${pending.size} futures unfinished`);
      }
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (left !== undefined) timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      wake = undefined;
      continue;
    }
    const future = finished.shift()!;
    pending.delete(future);
    yield future;
  }
}

export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' |
  'ALL_COMPLETED';

/**
 * Python's `concurrent.futures.wait`: resolves with the futures split
 * into `done` and `notDone` once `returnWhen` holds or `timeout` ms
 * pass (never rejects on timeout: look at `notDone`).
 */
export async function wait<T>(
  futures: Iterable<Future<T>>,
  options: { timeout?: number; returnWhen?: ReturnWhen } = {},
): Promise<{ done: Set<Future<T>>; notDone: Set<Future<T>> }> {
  const { timeout, returnWhen = 'ALL_COMPLETED' } = options;
  const all = [...new Set(futures)];
  const failed = (f: Future<T>): boolean =>
    f.done() && !f.cancelled() && f.failed();
  const enough = (): boolean => {
    const done = all.filter((f) => f.done());
    if (done.length === all.length) return true;
    if (returnWhen === 'FIRST_COMPLETED') return done.length > 0;
    if (returnWhen === 'FIRST_EXCEPTION') return done.some(failed);
    return false;
  };
  if (!enough() && timeout !== 0) {
    await new Promise<void>((resolve) => {
      const timer = timeout === undefined ? undefined
        : setTimeout(resolve, timeout);
      for (const f of all) {
        f.addDoneCallback(() => {
          if (!enough()) return;
          clearTimeout(timer);
          resolve();
        });
      }
    });
  }
  const done = new Set(all.filter((f) => f.done()));
  return { done, notDone: new Set(all.filter((f) => !done.has(f))) };
}
