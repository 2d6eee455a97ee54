/**
 * Inspecting a Future: running, done, result(timeout), cancel, exception
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes
 *          (inspecting a Future)
 * @python  mpfib.py (an interactive session)
 * @covers  A9
 * @run     npm run recipe -- async/future-lifecycle
 * @see     async/executors, async/futures
 * @timeout 60000
 *
 * The book submits `fib(38)` to a one-process `ProcessPoolExecutor` and
 * asks the Future about itself while it runs: `running()` is True,
 * `done()` False, `result(timeout=0)` raises TimeoutError, `result()`
 * waits and gives 39088169, then `cancelled()` is False and
 * `exception()` None. We replay that session with the ProcessExecutor
 * of `@cookbook/shared/futures` (shared/src/futures/), adding the two
 * cases the book only describes: a future still queued behind the
 * running one can be cancelled, and a failed task's error comes back
 * from `exception()`. `result` returns a promise here, since the main
 * thread must not block; timeouts are milliseconds.
 */
import { isEntry } from '@cookbook/shared';
import { ProcessExecutor } from '@cookbook/shared/futures';

// The book's argument, and one process, as in `Pool(max_workers=1)`.
export const N = 38;
// The task file holds the book's fib(n), which throws on negative input.
const TASK = new URL('./09-future-lifecycle.task.ts', import.meta.url);

// The session as data, so the test can check every answer in order.
export interface Result {
  /** Every question asked, with its answer, in order. */
  session: [string, unknown][];
}

// Shows an answer as the Python prompt would, errors by name.
function show(value: unknown): string {
  if (value === undefined) return 'undefined (Python: None)';
  return value instanceof Error ? `${value.name}: ${value.message}`
    : String(value);
}

export async function main(): Promise<Result> {
  // Each question is printed like a line of the book's session.
  const session: [string, unknown][] = [];
  const ask = (question: string, answer: unknown): void => {
    console.log(`${question.padEnd(22)} -> ${show(answer)}`);
    session.push([question, answer]);
  };
  // `await using` shuts the executor down when main returns.
  await using pool = new ProcessExecutor<number, number>(TASK,
    { maxWorkers: 1 });

  // Submitting returns at once; the one child takes the task.
  const fut = pool.submit(N);
  const queued = pool.submit(N);
  ask('fut.running()', fut.running());
  ask('fut.done()', fut.done());
  // A zero timeout cannot wait for fib(38): the rejection is caught and
  // shown as the answer, where Python's prompt shows the traceback.
  ask('fut.result(0)', await fut.result(0).catch((e: unknown) => e));

  // The second future waits in our queue, so it can still be cancelled.
  ask('queued.cancel()', queued.cancel());
  ask('queued.cancelled()', queued.cancelled());

  // Now we wait; then the future is done and stays done.
  ask('await fut.result()', await fut.result());
  ask('fut.done()', fut.done());
  ask('fut.running()', fut.running());
  ask('fut.cancelled()', fut.cancelled());
  // As in Python, a finished future refuses cancel() and returns false.
  ask('fut.cancel()', fut.cancel());
  ask('await fut.exception()', await fut.exception());

  // A task that throws: its future holds the error.
  const bad = pool.submit(-1);
  ask('await bad.exception()', await bad.exception());
  return { session };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// fut.running()          -> true
// fut.done()             -> false
// fut.result(0)          -> TimeoutError: the future did not finish in time
// queued.cancel()        -> true
// queued.cancelled()     -> true
// await fut.result()     -> 39088169
// fut.done()             -> true
// fut.running()          -> false
// fut.cancelled()        -> false
// fut.cancel()           -> false
// await fut.exception()  -> undefined (Python: None)
// await bad.exception()  -> RangeError: fib(-1): n must be >= 0
