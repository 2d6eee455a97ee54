/**
 * Thread synchronization with a lock (and the race without one)
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with Lock and RLock
 * @covers  T5
 * @run     npm run recipe -- threads/lock
 * @see     threads/race — the same race, made certain
 *
 * The book runs an incrementing and a decrementing thread on a shared
 * counter, COUNT = 100000 times each, once under a `threading.Lock`
 * (always 0) and once without (a "race condition" that shows only
 * sometimes: the GIL switches threads rarely). Node's workers share
 * memory only through a SharedArrayBuffer and really run in parallel,
 * and there is no built-in lock: we build one from `Atomics`. Without
 * it, what the counter ends at depends on how the two threads happen
 * to interleave on this run; threads/race forces the unlucky case.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import { Barrier, type BarrierShared } from '@cookbook/shared/sync';

// How often each of the two workers changes the counter (the book's).
export const COUNT = 100_000;

// ── The lock ───────────────────────────────────────────────────────
// One shared cell: 0 = free, 1 = held. `acquire` swaps it from 0 to 1;
// if another thread holds it, `Atomics.wait` parks this thread instead
// of spinning. The loop matters: waking up does not mean the lock is
// free, only that it changed.
export function acquire(lock: Int32Array): void {
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    Atomics.wait(lock, 0, 1);
  }
}

// `release` frees the cell and wakes one sleeper, if any.
export function release(lock: Int32Array): void {
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}
// (The hardened Mutex of shared/src/sync/mutex.ts skips the notify
// when nobody waits; threads/lock-granularity and later recipes use it.)

// ── Worker side ────────────────────────────────────────────────────
// Reading and writing are two separate steps, as `counter += 1` is in
// Python: that gap is where another thread's update gets lost. Both
// workers start at a barrier (shared/src/sync/barrier.ts), so their
// loops really overlap.
interface Job {
  counter: Int32Array;
  lock: Int32Array | undefined;
  start: BarrierShared;
  delta: 1 | -1;
}

function work({ counter, lock, start, delta }: Job): void {
  Barrier.from(start).wait();
  for (let i = 0; i < COUNT; i++) {
    if (lock) acquire(lock);
    const seen = Atomics.load(counter, 0);
    Atomics.store(counter, 0, seen + delta);
    if (lock) release(lock);
  }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** +COUNT and -COUNT under the lock: always 0. */
  locked: number;
  /** The same without it: anything from -COUNT to +COUNT. */
  unlocked: number;
}

// One incrementing and one decrementing worker on a fresh counter.
async function run(withLock: boolean): Promise<number> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const lock = withLock ? new Int32Array(new SharedArrayBuffer(4))
    : undefined;
  const start = new Barrier(2).shared;
  await joinAll(([1, -1] as const).map((delta) => spawnWorker(
    new URL(import.meta.url), { counter, lock, start, delta } satisfies Job)));
  return Atomics.load(counter, 0);
}

// The book's two runs: the pair under the lock, then without it.
export async function main(): Promise<Result> {
  const locked = await run(true);
  console.log(`with lock:    +${COUNT} and -${COUNT} -> ` +
    `counter = ${locked}`);
  const unlocked = await run(false);
  console.log(`without lock: +${COUNT} and -${COUNT} -> ` +
    `counter = ${unlocked}`);
  return { locked, unlocked };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// The unlocked count differs from run to run (-96112, 66381, even 0).
// Output:
// with lock:    +100000 and -100000 -> counter = 0
// without lock: +100000 and -100000 -> counter = {*}
