/**
 * Cancelling pool tasks: AbortSignal vs a cooperative flag (piscina)
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes (the
 *          Future's `cancel()`; beyond the book: stopping a running task)
 * @covers  none
 * @run     npm run recipe -- threads/pool-cancel
 * @see     threads/pool-map
 *
 * Python's `future.cancel()` only works before a task starts; a running
 * one cannot be stopped. piscina can stop it, with an AbortSignal: it
 * *terminates the worker thread*, rejects the task with an AbortError
 * and starts a fresh thread. Nothing of the task runs after that, not
 * even its `finally` block. When the task must clean up, we cancel it
 * cooperatively instead: a SharedArrayBuffer flag it polls between
 * chunks, so it stops at a safe point and returns a partial result.
 */
import { describePool, isEntry, pool } from '@cookbook/shared';
import { Event } from '@cookbook/shared/sync';
import {
  CANCEL, CHUNKS, CLEANED, type Job, type Outcome,
} from './32-pool-cancel.task.ts';

// What each way of stopping left behind: the error or the partial
// result, whether the task's cleanup ran, and which thread serves next.
export interface Result {
  aborted: {
    error: unknown; cleaned: number; threadBefore: number;
    threadAfter: number;
  };
  cooperative: { outcome: Outcome; cleaned: number; threadAfter: number };
}

// Starts a task and resolves once it has done its first chunk, so we
// never cancel a task that is still in the queue.
async function startTask(
  run: (job: Job) => Promise<Outcome>,
  cooperative: boolean,
): Promise<{ flags: Int32Array; running: Promise<Outcome> }> {
  // The task's flags (CANCEL, CLEANED) live in shared memory, and it
  // sets an Event (shared/src/sync/event.ts) once its first chunk is done.
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const started = new Event();
  const running = run({ flags, started: started.shared, cooperative });
  if (!(await started.waitAsync(10_000))) throw new Error('never started');
  return { flags, running };
}

// The same long task, stopped twice: from outside, then by asking.
export async function main(): Promise<Result> {
  const task = new URL('./32-pool-cancel.task.ts', import.meta.url);
  // One thread, so `whoAmI` (a task that returns its threadId) tells us
  // whether the thread that ran the long task is still the one serving.
  const p = pool(task, { minThreads: 1, maxThreads: 1 });
  const whoAmI = (): Promise<number> => p.run(null, { name: 'whoAmI' });
  try {
    // The pool we run on (shared/src/idioms.ts).
    console.log(describePool(p));

    // 1) The signal: piscina kills the thread that runs the task.
    // We abort once the task is surely running, not waiting in a queue.
    const threadBefore = await whoAmI();
    const ac = new AbortController();
    const one = await startTask(
      (job) => p.run(job, { signal: ac.signal }), false);
    ac.abort();
    // The promise rejects at once, while the old thread may still be
    // stopping. We read its cleanup flag only after the replacement
    // thread has booted and answered: a `finally` would have run by then.
    const error = await one.running.then(() => undefined, (e) => e);
    const threadAfter = await whoAmI();
    const aborted = { error, cleaned: Atomics.load(one.flags, CLEANED),
      threadBefore, threadAfter };
    // What it left: an AbortError, no cleanup, and a new thread.
    console.log('1) AbortSignal on a running task');
    console.log(`   rejected with: ${String(error)}`);
    console.log(`   cleanup flag: ${aborted.cleaned} (finally never ran)`);
    console.log(`   thread replaced: ${threadBefore !== aborted.threadAfter}`);

    // 2) The flag: the task sees it between chunks and returns early.
    // We raise CANCEL once the task runs; it stops at its next chunk.
    const two = await startTask((job) => p.run(job), true);
    Atomics.store(two.flags, CANCEL, 1);
    const outcome = await two.running;
    // What it left: a partial result, its cleanup done, the same thread.
    const cooperative = {
      outcome,
      cleaned: Atomics.load(two.flags, CLEANED),
      threadAfter: await whoAmI(),
    };
    console.log('2) cooperative flag, polled by the task');
    console.log(`   returned early: ${outcome.chunks} of ${CHUNKS} chunks`);
    console.log(`   cleanup flag: ${cooperative.cleaned} (finally ran)`);
    console.log('   thread replaced: ' +
      `${aborted.threadAfter !== cooperative.threadAfter}`);
    return { aborted, cooperative };
  } finally {
    await p.destroy();
  }
}

// Run as the entry, this file stops the task both ways and prints it.
if (isEntry(import.meta.url)) await main();

// Output:
// pool: minThreads 1, maxThreads 1, atomics sync, cores {*}
// 1) AbortSignal on a running task
//    rejected with: AbortError: The task has been aborted
//    cleanup flag: 0 (finally never ran)
//    thread replaced: true
// 2) cooperative flag, polled by the task
//    returned early: {*} of 5000 chunks
//    cleanup flag: 1 (finally ran)
//    thread replaced: false
