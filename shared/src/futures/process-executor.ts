/**
 * Python's `ProcessPoolExecutor`, on the project's ProcessPool (child
 * processes started through tsx's loader; shared/src/process-pool.ts).
 *
 * How it is built: the pool owns the children and the IPC; the
 * `Executor` base class owns the queue and the futures, and never hands
 * the pool more tasks than it has children, so a future it has handed
 * over is really RUNNING. Each child is a whole Node process: it costs
 * more to start and to talk to than a thread, and shares nothing.
 */
import os from 'node:os';
import { ProcessPool } from '../process-pool.ts';
import { Executor } from './executor.ts';
import type { ExecutorOptions } from './thread-executor.ts';

export class ProcessExecutor<I, O> extends Executor<I, O> {
  readonly #pool: ProcessPool;

  constructor(task: URL, options: ExecutorOptions = {}) {
    const size = options.maxWorkers ?? os.availableParallelism();
    const children = new ProcessPool(task, { size: Math.max(1, size) });
    super({
      run: (input: I) => children.run<I, O>(input),
      close: () => children.close(),
    }, size);
    this.#pool = children;
  }

  /** The children's pids (Python's `executor._processes`). */
  get pids(): number[] {
    return this.#pool.pids;
  }

  /** Resolves once every child has loaded the task module. */
  ready(): Promise<void> {
    return this.#pool.ready();
  }
}
