/**
 * A `concurrent.futures`-like API: `import { ThreadExecutor } from
 * '@cookbook/shared/futures'`.
 *
 *   await using ex = new ThreadExecutor<number, number>(TASK, {
 *     maxWorkers: 2 });
 *   const f = ex.submit(38);          // Future: running(), done(), ...
 *   for await (const r of ex.map([1, 2, 3])) console.log(r);
 *   for await (const f of asCompleted(futures)) await f.result();
 *   const { done, notDone } = await wait(futures, { timeout: 100 });
 *
 * future.ts holds the lifecycle, executor.ts the queue and `map`,
 * thread-executor.ts and process-executor.ts the two pools.
 */
export {
  CancelledError,
  Future,
  TimeoutError,
  type FutureState,
} from './future.ts';
export {
  asCompleted,
  Executor,
  wait,
  type Backend,
  type ReturnWhen,
  type ShutdownOptions,
} from './executor.ts';
export { ThreadExecutor, type ExecutorOptions } from './thread-executor.ts';
export { ProcessExecutor } from './process-executor.ts';
