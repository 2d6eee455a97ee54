/**
 * Cancellation through every layer: timers, fetch and a worker task
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `Task.cancel()` and `wait_for`)
 * @covers  none
 * @run     npm run recipe -- async/cancellation
 * @see     async/future-lifecycle, threads/pool-cancel
 * @timeout 60000
 *
 * asyncio cancels a task by raising CancelledError at the `await` where
 * it waits. A JavaScript promise cannot be cancelled from outside:
 * whoever starts the work must be handed an `AbortSignal`, and passes
 * it on to every layer below. Node's own APIs take one: timers
 * (`node:timers/promises`), `fetch`, piscina's `run`. One signal, one
 * `abort()`, and the timer, a request to a slow local server and a
 * CPU-bound task in a worker thread all stop; `AbortSignal.timeout(ms)`
 * is asyncio's `wait_for` deadline, and `AbortSignal.any` merges the
 * two. Each layer rejects with its own error, which we print.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry, pool } from '@cookbook/shared';
import { startRateStub } from '@cookbook/shared/services/rate-stub';

// Every layer would take SLOW_MS; the deadline is far shorter. (The
// stub's own timer still runs out SLOW_MS after we leave: keep it short.)
const SLOW_MS = 1_500;
const DEADLINE_MS = 100;
// The worker's slow loop, run in a piscina thread.
const TASK = new URL('./20-cancellation.task.ts', import.meta.url);

// Each layer reports on its own: one could finish while another aborts.
type Layer = 'timer' | 'fetch' | 'worker';
export type Outcome = Record<Layer, string>;

// One operation, three layers, one signal handed to each of them.
async function slowEverything(url: string, run: (ms: number,
  signal: AbortSignal) => Promise<number>, signal: AbortSignal,
): Promise<Outcome> {
  // Each layer's outcome: 'finished', or the name of its error.
  const name = (e: unknown): string =>
    e instanceof Error ? e.name : String(e);
  const settle = (p: Promise<unknown>): Promise<string> =>
    p.then(() => 'finished', name);
  // All three start together, like asyncio tasks sharing one cancel.
  const [timer, fetched, worker] = await Promise.all([
    settle(sleep(SLOW_MS, null, { signal })),
    settle(fetchWith(url, signal)),
    settle(run(SLOW_MS, signal)),
  ]);
  return { timer, fetch: fetched, worker };
}

// fetch takes the signal in its options; the stub answers in SLOW_MS.
async function fetchWith(url: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/quotes.csv?s=EURUSD=X`, { signal });
  await res.text();
}

// One line per run: `timer AbortError, fetch AbortError, …`.
const describe = (o: Outcome): string =>
  Object.entries(o).map(([layer, how]) => `${layer} ${how}`).join(', ');

export interface Result {
  /** abort() by hand, once every layer has started. */
  aborted: Outcome;
  /** AbortSignal.any([a controller, AbortSignal.timeout]). */
  timedOut: Outcome;
  /** The worker thread still answers afterwards (piscina replaced it). */
  poolStillWorks: boolean;
}

export async function main(): Promise<Result> {
  // A server slower than any deadline, and a one-thread pool.
  const stub = await startRateStub({ delayMs: SLOW_MS });
  const threads = pool(TASK, { minThreads: 1, maxThreads: 1 });
  const run = (ms: number, signal: AbortSignal): Promise<number> =>
    threads.run(ms, { signal });
  try {
    // 1) We abort by hand, once the server has the request.
    const controller = new AbortController();
    const first = slowEverything(stub.url, run, controller.signal);
    // Poll until the stub holds the request, so the abort meets every layer
    // mid-flight; the bounded count turns a hang into a clear error.
    for (let i = 0; stub.requests() < 1; i++) {
      if (i === 2_000) throw new Error('the stub never saw the request');
      await sleep(5);
    }
    controller.abort();
    const aborted = await first;
    console.log(`abort():      ${describe(aborted)}`);

    // 2) A deadline merged with a controller nobody aborts.
    const signal = AbortSignal.any([new AbortController().signal,
      AbortSignal.timeout(DEADLINE_MS)]);
    const timedOut = await slowEverything(stub.url, run, signal);
    console.log(`timeout(${DEADLINE_MS}): ${describe(timedOut)}`);

    // The pool replaced the killed thread: a short task still runs.
    const poolStillWorks = (await threads.run(1)) >= 0;
    console.log(`pool still works: ${poolStillWorks}`);
    return { aborted, timedOut, poolStillWorks };
  } finally {
    // Clean up even on failure: the thread and the server would keep Node up.
    await threads.destroy();
    await stub.close();
  }
  // Try it: raise DEADLINE_MS above SLOW_MS: every layer finishes.
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// abort():      timer AbortError, fetch AbortError, worker AbortError
// timeout(100): timer AbortError, fetch TimeoutError, worker AbortError
// pool still works: true
