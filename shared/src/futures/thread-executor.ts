/**
 * Python's `ThreadPoolExecutor`, on a piscina pool of worker threads.
 *
 * How it is built: piscina owns the threads and `pool()` from
 * `@cookbook/shared` gives them tsx's loader, so the task module may be
 * TypeScript; the `Executor` base class owns the queue and the futures.
 * Unlike Python's threads, these run JavaScript in parallel: there is no
 * GIL, so CPU-bound tasks speed up with the cores.
 */
import os from 'node:os';
import { pool } from '../workers.ts';
import { Executor } from './executor.ts';

export interface ExecutorOptions {
  /** Threads (or processes); default `os.availableParallelism()`. */
  maxWorkers?: number;
}

export class ThreadExecutor<I, O> extends Executor<I, O> {
  constructor(task: URL, options: ExecutorOptions = {}) {
    const size = options.maxWorkers ?? os.availableParallelism();
    // The pool is built first: the base class validates the size too.
    const threads = pool(task, {
      minThreads: Math.max(1, size),
      maxThreads: Math.max(1, size),
    });
    super({
      run: (input: I) => threads.run(input) as Promise<O>,
      close: () => threads.destroy(),
    }, size);
  }
}
