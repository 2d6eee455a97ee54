/**
 * Detecting deadlock with bounded waits (and removing it by lock order)
 *
 * @book    DC ch. 7 "Testing and Debugging Distributed Applications"
 *          (beyond the book: a deadlock, forced and then detected)
 * @covers  none
 * @run     npm run recipe -- testing-debugging/deadlock
 * @see     testing-debugging/deterministic-races — forcing an interleaving
 *
 * Two threads that take the same two locks in opposite orders can each
 * hold one and wait forever for the other. Waiting forever is what makes
 * a deadlock hard to test: the test hangs instead of failing. So every
 * wait in a test gets a bound (`lock(timeoutMs)` here, Python's
 * `acquire(timeout=...)`): a wait that runs out is reported, not hung
 * on. A barrier makes the deadlock certain: both threads hold their
 * first lock before either asks for its second. Taking locks in one
 * global order removes it.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, nextMessage, spawnWorker,
  workerInput } from '@cookbook/shared';
import { Barrier, Mutex, type BarrierShared,
  type MutexShared } from '@cookbook/shared/sync';

// How long a thread waits for its second lock before it calls it stuck.
// No assertion depends on it: in the bad order both always run out.
const BOUND_MS = 300;

interface Task {
  order: 'opposite' | 'same';
  who: number;
  locks: [MutexShared, MutexShared];
  barrier: BarrierShared;
}

// ── Worker side ────────────────────────────────────────────────────
// Thread 1 takes lock A then B; thread 0 takes B then A ("opposite"),
// or both take A then B ("same").
function transfer({ order, who, locks, barrier }: Task): void {
  const [a, b] = locks.map((l) => Mutex.from(l)) as [Mutex, Mutex];
  const [first, second] = order === 'opposite' && who === 0
    ? [b, a] : [a, b];
  const meet = Barrier.from(barrier);
  first.lock();
  // In the opposite order, wait until both hold their first lock: now
  // each one's second lock is the other's first.
  if (order === 'opposite') meet.wait();
  const got = second.lock(BOUND_MS);
  // Stay stuck until both have given up, so both report it; then back
  // off (release what we hold), which is how code recovers.
  if (order === 'opposite') meet.wait();
  if (got) second.unlock();
  first.unlock();
  parentPort?.postMessage(got);
}

// ── Main side ──────────────────────────────────────────────────────
async function run(order: Task['order']): Promise<boolean[]> {
  const locks: Task['locks'] = [new Mutex().shared, new Mutex().shared];
  const barrier = new Barrier(2).shared;
  const workers = [0, 1].map((who) => spawnWorker(
    new URL(import.meta.url), { order, who, locks, barrier } satisfies Task));
  const got = await Promise.all(workers.map((w) => nextMessage<boolean>(w)));
  await joinAll(workers);
  return got;
}

export interface Result {
  opposite: boolean[];
  same: boolean[];
}

export async function main(): Promise<Result> {
  // `got` per thread: did it get its second lock within the bound?
  const opposite = await run('opposite');
  const stuck = opposite.filter((got) => !got).length;
  console.log(`opposite order: ${stuck} of 2 threads timed out on ` +
    `their second lock -> deadlock`);
  const same = await run('same');
  console.log(`same order (A then B): ${same.filter(Boolean).length} of 2 ` +
    'threads got both locks');
  return { opposite, same };
}

if (!isMainThread) transfer(workerInput<Task>());
else if (isEntry(import.meta.url)) await main();

// Output:
// opposite order: 2 of 2 threads timed out on their second lock -> deadlock
// same order (A then B): 2 of 2 threads got both locks
