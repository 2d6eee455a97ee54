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
 * wait for the other's wait forever. We make it certain: Thread-1 takes
 * A, Thread-2 takes B, both meet at a barrier, then each asks for the
 * other's lock. A plain wait would hang, so each waits with a time
 * limit and, when it runs out, reads a shared table of who holds what
 * and names the cycle. The fix is one lock order for all: A before B.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, runWorkers, workerInput } from '@cookbook/shared';
import {
  Barrier, Mutex, type BarrierShared, type MutexShared,
} from '@cookbook/shared/sync';

// How long a thread waits for its second lock before it gives up, and
// the file each thread runs: a Node worker runs this file again.
const PATIENCE_MS = 200;
const HERE = new URL(import.meta.url);
const LOCKS = ['A', 'B'] as const;
type LockName = (typeof LOCKS)[number];

// ── Worker side ────────────────────────────────────────────────────
// A thread's job: its number (1 or 2, as in Python's Thread-1), its
// lock order, the locks (our Mutex, shared/src/sync/mutex.ts), a
// Barrier(2) to meet at, and `holders`, the table of who holds what:
// cell i holds the thread that holds lock i while it waits for the
// other (0 when free), so a thread that waits too long reads who it is.
interface Job {
  thread: number; order: LockName[]; locks: MutexShared[];
  holders: Int32Array; meet: BarrierShared | undefined;
}

// What a thread posts back: the locks it took; `stuck` if its bounded
// wait ran out: what it held, what it wanted, and who held that.
export interface Report {
  thread: number; took: LockName[];
  stuck?: { holds: LockName; wants: LockName; heldBy: number };
}

// Take the first lock, meet, ask for the second with a bounded wait;
// on a time-out, name who holds it. Then let go, in reverse order.
function work({ thread, order, locks, holders, meet }: Job): void {
  // The locks arrive as plain shared data; `mutex` rebuilds a Mutex.
  const at = (name: LockName): number => LOCKS.indexOf(name);
  const mutex = (name: LockName) => Mutex.from(locks[at(name)]!);
  const [first, second] = order as [LockName, LockName];
  // Take the first lock with no time limit and write it in the table;
  // at the barrier, each thread holds one lock.
  mutex(first).lock();
  Atomics.store(holders, at(first), thread);
  const report: Report = { thread, took: [first] };
  if (meet) Barrier.from(meet).wait();
  // lock(ms) is Python's acquire(timeout=...): false if time runs out.
  if (mutex(second).lock(PATIENCE_MS)) {
    // We got it: record it, and free it again at once.
    report.took.push(second);
    mutex(second).unlock();
  } else {
    // Timed out: the table tells us which thread holds the lock we want.
    const heldBy = Atomics.load(holders, at(second));
    report.stuck = { holds: first, wants: second, heldBy };
  }
  // Both wait again before letting go: had Thread-1 let go of A first,
  // Thread-2's wait might end in A after all, and the story would vary.
  if (meet) Barrier.from(meet).wait();
  Atomics.store(holders, at(first), 0);
  mutex(first).unlock();
  // Workers share no objects, so the report goes back as a message.
  parentPort?.postMessage(report);
}

// ── Main side ──────────────────────────────────────────────────────
// Two threads, two locks; `opposite` gives Thread-2 the order B, A.
// Each run gets fresh locks and a fresh table, so runs cannot mix; only
// the opposite run meets at a barrier, the ordered one needs none.
async function run(opposite: boolean): Promise<Report[]> {
  const locks = LOCKS.map(() => new Mutex().shared);
  const holders = new Int32Array(new SharedArrayBuffer(8));
  const meet = opposite ? new Barrier(2).shared : undefined;
  const jobs = [1, 2].map((thread): Job => ({ thread, locks, holders, meet,
    order: opposite && thread === 2 ? ['B', 'A'] : ['A', 'B'] }));
  // Like Python's start() then join(): runWorkers (shared/src/idioms.ts)
  // runs this file once per job and gathers the reports, which arrive
  // in any order; sorting by thread keeps the output stable.
  const reports = await runWorkers<Job, Report>(HERE, jobs);
  return reports.sort((a, b) => a.thread - b.thread);
}

// What main returns: the reports of both runs, for the test to check.
export interface Result { opposite: Report[]; ordered: Report[] }

// First the deadlock (each thread gives up after PATIENCE_MS), then the
// fix; each run is printed as it ends.
export async function main(): Promise<Result> {
  console.log('opposite orders (Thread-1: A then B; Thread-2: B then A):');
  const opposite = await run(true);
  for (const { thread, stuck: s } of opposite) {
    if (s) console.log(`  Thread-${thread} holds ${s.holds}, waited ` +
      `${PATIENCE_MS} ms for ${s.wants}, held by Thread-${s.heldBy}`);
  }
  // A deadlock is a cycle: every thread is stuck waiting on the other.
  console.log(`  deadlock detected: ${opposite.every((r) => r.stuck)}`);
  // Then the fix: the same two locks, always taken A then B.
  console.log('one order (both: A then B):');
  const ordered = await run(false);
  for (const { thread, took } of ordered)
    console.log(`  Thread-${thread} took ${took.join(' then ')}`);
  return { opposite, ordered };
}

// In a worker this file does its job; as the entry, it runs main().
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
