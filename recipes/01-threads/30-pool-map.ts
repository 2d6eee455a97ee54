/**
 * Pool map with ordered results (piscina)
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes
 *          (`mtfib.py`, `executor.map`); the pool itself is beyond the book
 * @book    2e ch. 5 "Asynchronous Programming" › Using the concurrent.futures
 *          Python module
 * @covers  none
 * @run     npm run recipe -- threads/pool-map
 * @see     threads/pool-sizing, threads/pool-cancel
 *
 * Python's `executor.map(fn, inputs)` hands back results in input order,
 * however the pool schedules them. Node has no executor built in: piscina
 * keeps a set of worker threads alive and `pool.run(task)` returns a
 * promise, so `Promise.all(inputs.map(run))` is our ordered map. We give
 * the first inputs the most work so that they finish last, and we stamp
 * each task with a completion ticket to show the two orders differ.
 */
import { describePool, isEntry, pool, warmUp } from '@cookbook/shared';
import type { Done, Job } from './30-pool-map.task.ts';

// Two threads, as many as this machine's cores; biggest input first.
export const THREADS = 2;
export const LIMITS = [
  640_000, 400_000, 320_000, 240_000, 160_000, 120_000, 80_000, 40_000,
];

// The task file: piscina loads it once per thread and calls its
// default export, which counts the primes below a limit.
export const TASK = new URL('./30-pool-map.task.ts', import.meta.url);

// The results in input order, the input indexes in the order the tasks
// finished, and the threads that ran them.
export interface Result {
  results: number[]; completion: number[]; threadIds: number[];
}

// A two-thread pool maps the inputs; results keep input order.
export async function main(): Promise<Result> {
  const p = pool(TASK, { minThreads: THREADS, maxThreads: THREADS });
  try {
    // piscina starts threads in the background. We wait until both are
    // up (shared/src/idioms.ts, taught in threads/cpu-bound), or a late
    // second thread would blur the completion order.
    await warmUp(p, THREADS);
    // What we run on: describePool (shared/src/idioms.ts) prints the
    // pool's size, how idle threads wait (`atomics`), and the cores.
    console.log(describePool(p));

    // Every task gets the same ticket counter, shared, not copied.
    const tickets = new Int32Array(new SharedArrayBuffer(4));
    const done: Done[] = await Promise.all(
      LIMITS.map((limit) => p.run({ limit, tickets } satisfies Job)),
    );

    // `Promise.all` keeps input order; sorting the inputs by ticket
    // gives the order in which the tasks finished.
    const results = done.map((d) => d.primes);
    const completion = done
      .map((d, input) => ({ input, ticket: d.ticket }))
      .sort((a, b) => a.ticket - b.ticket)
      .map((c) => c.input);
    const threadIds = [...new Set(done.map((d) => d.threadId))];
    const inOrder = completion.every((input, i) => input === i);
    // What we asked, what came back in order, and how it really went.
    console.log(`primes below: ${LIMITS.join(' ')}`);
    console.log(`results (input order): ${results.join(' ')}`);
    console.log(`completion order: ${completion.join(' ')}`);
    console.log(`finished in input order: ${inOrder}`);
    console.log(`threads used: ${threadIds.length}`);
    return { results, completion, threadIds };
  } finally {
    await p.destroy();
  }
}

// Run as the entry, this file maps once and prints what happened.
if (isEntry(import.meta.url)) await main();

// Output:
// pool: minThreads 2, maxThreads 2, atomics sync, cores {*}
// primes below: 640000 400000 320000 240000 160000 120000 80000 40000
// results (input order): 52074 33860 27608 21221 14683 11301 7837 4203
// completion order: {*}
// finished in input order: false
// threads used: 2
