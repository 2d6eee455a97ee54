/**
 * Deadlock: two locks taken in opposite orders, and the fix
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with Lock and RLock (the deadlock it describes in prose)
 * @covers  none
 * @run     npm run recipe -- threads/deadlock
 * @see     threads/lock, threads/rlock
 *
 * The book warns in prose that two threads that each hold one lock and
 * wait for the other's wait forever. We make it certain, not likely:
 * Thread-1 takes A, Thread-2 takes B, both meet at a barrier, then each
 * asks for the other's lock. A plain wait would hang this program, so
 * each asks with a bounded wait and, on timeout, reads a shared table of
 * who holds what and names the cycle. The fix is a lock order: every
 * thread takes A before B, so no thread can hold B while waiting for A.
 * The locks are our Mutex (shared/src/sync/mutex.ts).
 */
// Each thread is a Node worker running this file; locks are shared.
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import {
  Barrier, Mutex, type BarrierShared, type MutexShared,
} from '@cookbook/shared/sync';

// How long a thread waits for its second lock before it gives up.
const PATIENCE_MS = 200;
const LOCKS = ['A', 'B'] as const;
type LockName = (typeof LOCKS)[number];

// ── Worker side ────────────────────────────────────────────────────
// `holders` is the table of who holds what: cell i holds the number of
// the thread that holds lock i (0 when free). Every lock and unlock
// updates it, so a thread that waits too long can read who blocks it.
interface Job {
  thread: number; // 1 or 2, as in Python's Thread-1, Thread-2
  order: LockName[]; // the order this thread takes the locks in
  locks: MutexShared[];
  holders: Int32Array;
  meet: BarrierShared | undefined; // Barrier(2): shared/src/sync/barrier.ts
}

export interface Report {
  thread: number;
  took: LockName[];
  /** Set when the bounded wait ran out: what we wanted, who held it. */
  stuck?: { holds: LockName; wants: LockName; heldBy: number };
}

// Take the first lock, meet, ask for the second with a bounded wait;
// on a time-out, name who holds it. Then let go, in reverse order.
function work({ thread, order, locks, holders, meet }: Job): void {
  // A worker gets the locks as plain shared data; we rebuild a Mutex.
  const mutex = (name: LockName) => Mutex.from(locks[LOCKS.indexOf(name)]!);
  const took: LockName[] = [];
  const [first, second] = order as [LockName, LockName];
  // Take the first lock with no time limit, and record that we hold it.
  mutex(first).lock();
  Atomics.store(holders, LOCKS.indexOf(first), thread);
  took.push(first);
  if (meet) Barrier.from(meet).wait(); // now each holds one lock
  const report: Report = { thread, took };
  // lock(ms) is Python's acquire(timeout=...): false if time runs out.
  if (mutex(second).lock(PATIENCE_MS)) {
    // We got it: record it in the table, then free it again at once.
    Atomics.store(holders, LOCKS.indexOf(second), thread);
    took.push(second);
    Atomics.store(holders, LOCKS.indexOf(second), 0);
    mutex(second).unlock();
  } else {
    // Timed out: the table tells us which thread holds the lock we want.
    const heldBy = Atomics.load(holders, LOCKS.indexOf(second));
    report.stuck = { holds: first, wants: second, heldBy };
  }
  // Both wait again before letting go: had Thread-1 let go of A first,
  // Thread-2's wait might end in A after all, and the story would vary.
  if (meet) Barrier.from(meet).wait();
  // Clear our entry in the table before we let the first lock go.
  Atomics.store(holders, LOCKS.indexOf(first), 0);
  mutex(first).unlock();
  // Workers share no objects, so the report goes back as a message.
  parentPort?.postMessage(report);
}

// ── Main side ──────────────────────────────────────────────────────
// Two threads, two locks; `opposite` gives Thread-2 the order B, A.
async function run(opposite: boolean): Promise<Report[]> {
  // Fresh locks and a fresh table for each run, so runs cannot mix.
  const locks = LOCKS.map(() => new Mutex().shared);
  const holders = new Int32Array(new SharedArrayBuffer(8));
  // Only the opposite run meets at a barrier; the ordered one needs none.
  const meet = opposite ? new Barrier(2).shared : undefined;
  const reports: Report[] = [];
  // Node has no Thread class: each worker runs this file again.
  const workers = [1, 2].map((thread) => {
    const order: LockName[] = opposite && thread === 2 ? ['B', 'A']
      : ['A', 'B'];
    const job: Job = { thread, order, locks, holders, meet };
    const w = spawnWorker(new URL(import.meta.url), job);
    w.on('message', (r: Report) => reports.push(r));
    return w;
  });
  // Like Python's join(): we wait until both workers have exited.
  await joinAll(workers);
  // Messages arrive in any order; sorting by thread keeps output stable.
  return reports.sort((a, b) => a.thread - b.thread);
}

export interface Result {
  opposite: Report[];
  ordered: Report[];
}

export async function main(): Promise<Result> {
  // First the deadlock: each thread gives up after PATIENCE_MS.
  console.log('opposite orders (Thread-1: A then B; Thread-2: B then A):');
  const opposite = await run(true);
  for (const { thread, stuck } of opposite) {
    if (stuck) console.log(`  Thread-${thread} holds ${stuck.holds}, ` +
      `waited ${PATIENCE_MS} ms for ${stuck.wants}, ` +
      `held by Thread-${stuck.heldBy}`);
  }
  // A deadlock is a cycle: every thread is stuck waiting on the other.
  const cycle = opposite.every((r) => r.stuck);
  console.log(`  deadlock detected: ${cycle}`);
  // Then the fix: the same two locks, always taken A then B.
  console.log('one order (both: A then B):');
  const ordered = await run(false);
  for (const { thread, took } of ordered) {
    console.log(`  Thread-${thread} took ${took.join(' then ')}`);
  }
  return { opposite, ordered };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// opposite orders (Thread-1: A then B; Thread-2: B then A):
//   Thread-1 holds A, waited 200 ms for B, held by Thread-2
//   Thread-2 holds B, waited 200 ms for A, held by Thread-1
//   deadlock detected: true
// one order (both: A then B):
//   Thread-1 took A then B
//   Thread-2 took A then B
