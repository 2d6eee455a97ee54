/**
 * A race made certain: a barrier between two threads' read and write
 *
 * @book    2e ch. 9 "Python Debugging and Testing" (beyond the book: a
 *          race that shows up once in a thousand runs is untestable
 *          until we choose the interleaving ourselves)
 * @covers  none
 * @run     npm run recipe -- testing-debugging/barrier-race
 * @see     testing-debugging/deterministic-races — the same, on one thread
 * @see     threads/lock — the race this makes certain, and its fix
 *
 * Two threads that each read a shared counter and write it back plus one
 * lose an update only when both reads come before either write: rarely,
 * on a quiet machine. Fake timers and seeded schedulers cannot reach
 * real threads, but a barrier can: it holds each thread after its read
 * until both have read, so the lost update happens every time, and a
 * test can assert it (and then that a lock removes it).
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import { Barrier, type BarrierShared } from '@cookbook/shared/sync';

// What both threads share: the counter (one Int32 cell) and the barrier.
interface Shared { cells: Int32Array; barrier: BarrierShared }

// One thread's increment, cut in two by the barrier: nobody writes
// until both have read, so both write the same value.
function racer({ cells, barrier }: Shared): void {
  const seen = Atomics.load(cells, 0);
  Barrier.from(barrier).wait();
  Atomics.store(cells, 0, seen + 1);
}

// The counter after two increments: 1 every time, never 2.
export interface Result {
  threadCounter: number;
}

export async function main(): Promise<Result> {
  // Shared memory for the counter, and a barrier for two parties.
  const shared: Shared = { cells: new Int32Array(new SharedArrayBuffer(4)),
    barrier: new Barrier(2).shared };

  // Two real threads, both running `racer`; the barrier decides the order.
  await joinAll([0, 1].map(() =>
    spawnWorker(new URL(import.meta.url), shared)));
  const threadCounter = Atomics.load(shared.cells, 0);
  console.log(`barrier between read and write: counter = ` +
    `${threadCounter} after 2 increments`);
  return { threadCounter };
}

// In a worker: one racer; run as a script: the race.
if (!isMainThread) racer(workerInput<Shared>());
else if (isEntry(import.meta.url)) await main();

// Output:
// barrier between read and write: counter = 1 after 2 increments
