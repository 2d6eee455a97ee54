/**
 * Small idioms that many recipes need, each taught once in the
 * recipe named beside it and imported everywhere else.
 *
 * - `blockingSleep` (taught in threads/current-thread): Python's
 *   `time.sleep` for a worker.
 * - `newGauge`/`gaugeUp`/`gaugeDown`/`gaugePeak` (taught in
 *   threads/thread-subclass): how many threads are inside a region now,
 *   and the most there ever were at once; a counter, not a clock.
 * - `warmUp` with the task export `meet` (taught in threads/cpu-bound):
 *   wait until every thread of a piscina pool is up.
 * - `runWorkers` (taught in threads/current-thread): start one worker
 *   per job on a file, gather what they post, wait for all to exit.
 * - `describePool` (taught in threads/pool-map): the line each pool
 *   recipe prints first, saying what pool it runs on.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { threadId } from 'node:worker_threads';
import { Barrier, type BarrierShared } from './sync/index.ts';
import { joinAll, spawnWorker } from './workers.ts';

// ── A blocking sleep ───────────────────────────────────────────────
// `Atomics.wait` on a fresh cell that nobody will ever notify returns
// after `ms`: the thread sleeps without spinning. On a worker this is
// `time.sleep`; on the main thread it would freeze the event loop.
export function blockingSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// ── A peak gauge ───────────────────────────────────────────────────
// Two shared cells: how many threads are inside now, and the most ever.
const NOW = 0;
const PEAK = 1;

export function newGauge(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

// Entering bumps the count, then raises the peak if we beat it. Two
// threads may race to raise it, so we use compare-and-swap: write our
// count only if the peak is still what we read, else read it again.
export function gaugeUp(gauge: Int32Array): number {
  const now = Atomics.add(gauge, NOW, 1) + 1;
  let peak = Atomics.load(gauge, PEAK);
  while (now > peak) {
    const seen = Atomics.compareExchange(gauge, PEAK, peak, now);
    if (seen === peak) break;
    peak = seen;
  }
  return now;
}

export function gaugeDown(gauge: Int32Array): void {
  Atomics.sub(gauge, NOW, 1);
}

export function gaugePeak(gauge: Int32Array): number {
  return Atomics.load(gauge, PEAK);
}

// ── A pool warm-up ─────────────────────────────────────────────────
// `meet` is a task: export it from a pool's task module
// (`export { meet } from '@cookbook/shared'`). It blocks until every
// thread of the pool holds one; a busy thread takes no second task, so
// `threads` meeting tasks prove that `threads` threads are up.
export function meet(shared: BarrierShared): number {
  Barrier.from(shared).wait(10_000);
  return threadId;
}

/** Starts every thread of `pool` and resolves once all are up. */
export async function warmUp(pool: Piscina, threads: number): Promise<void> {
  const barrier = new Barrier(threads);
  await Promise.all(Array.from({ length: threads },
    () => pool.run(barrier.shared, { name: 'meet' })));
}

// ── Run workers, gather their messages ─────────────────────────────
// One worker per job, each running `module` with its job as input.
// Every message any of them posts is kept in arrival order (and handed
// to `onMessage` as it comes); we resolve once all have exited, like
// Python's start() on each thread and then join() on each. If one
// throws, joinAll stops the others and the error is rethrown.
export async function runWorkers<Job, Message>(
  module: URL,
  jobs: readonly Job[],
  onMessage?: (message: Message) => void,
): Promise<Message[]> {
  const messages: Message[] = [];
  await joinAll(jobs.map((job) => {
    const worker = spawnWorker(module, job);
    worker.on('message', (message: Message) => {
      messages.push(message);
      onMessage?.(message);
    });
    return worker;
  }));
  return messages;
}

// ── Describe a pool ────────────────────────────────────────────────
// Its size, how an idle thread waits for work (`atomics: 'sync'` parks
// it on Atomics.wait, the fast default), and the machine's cores, so a
// reader can tell what the numbers beside it ran on.
export function describePool(pool: Piscina): string {
  return `pool: minThreads ${pool.minThreads}, maxThreads ` +
    `${pool.maxThreads}, atomics ${pool.options.atomics}, ` +
    `cores ${availableParallelism()}`;
}
