/**
 * Thread: a base class in the spirit of Python's `threading.Thread`,
 * for worker threads. threads/thread-subclass teaches it; this file is
 * the second half of that lesson.
 *
 * How it is built, and why. Python's `start()` runs `run()` on a new
 * thread that shares the object. A Node worker shares no objects: it
 * loads a module again, in a new V8 isolate. So:
 * - the subclass names its own file (`module`, usually
 *   `protected readonly module = new URL(import.meta.url);`);
 * - `start()` spawns a worker on that file and sends the constructor's
 *   `args` (cloned, or shared where they hold a SharedArrayBuffer);
 * - that file, loaded in the worker, rebuilds the object from
 *   `workerInput()` and calls `run()` there:
 *   `if (!isMainThread) new MyThread(workerInput<Args>()).run();`
 * - `join()` waits for the worker to exit, and rejects if it threw.
 * Messages the worker posts reach the `onMessage` given to `start()`.
 */
import type { Worker } from 'node:worker_threads';
import { join, spawnWorker } from './workers.ts';

export abstract class Thread<Args> {
  readonly args: Args;
  #worker: Worker | undefined;

  constructor(args: Args) {
    this.args = args;
  }

  /** The file that defines the subclass and rebuilds it in a worker. */
  protected abstract get module(): URL;

  /** What the thread does; it runs inside the worker. */
  abstract run(): void | Promise<void>;

  start(onMessage?: (message: unknown) => void): void {
    if (this.#worker) throw new Error('threads can only be started once');
    this.#worker = spawnWorker(this.module, this.args);
    if (onMessage) this.#worker.on('message', onMessage);
  }

  join(): Promise<number> {
    if (!this.#worker) throw new Error('join() before start()');
    return join(this.#worker);
  }
}
