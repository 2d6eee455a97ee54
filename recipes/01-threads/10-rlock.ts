/**
 * Thread synchronization with RLock
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with RLock
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with RLock
 * @python  Chapter02/Rlock.py
 * @covers  T7
 * @run     npm run recipe -- threads/rlock
 * @see     threads/lock, threads/scoped-acquire
 *
 * The book's `Box` takes its `threading.RLock` in `add()`/`remove()` and
 * again in the `execute()` they call. Our RLock (shared/src/sync/
 * rlock.ts) adds the owner's `threadId` and a depth to a Mutex, so the
 * owner may lock again and the last unlock frees it; a plain Mutex
 * (Python's Lock) would wait forever (threads/deadlock). We print the
 * final count, which the 2nd edition forgets.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  blockingSleep, isEntry, runWorkers, workerInput,
} from '@cookbook/shared';
import {
  Barrier, RLock, type BarrierShared, type RLockShared,
} from '@cookbook/shared/sync';

// Fixed counts replace the book's randint(10, 20) items to add and
// randint(1, 10) to remove; its 1 s pause per item, which lets the two
// threads take turns, is 10 ms here.
const [TO_ADD, TO_REMOVE, PAUSE_MS] = [12, 7, 10];
const HERE = new URL(import.meta.url); // the file each worker runs

// ── The Box, shared by both threads ────────────────────────────────
// Its total is one shared cell; its lock an RLock in shared memory.
// `using` is Python's `with self.lock:` (see threads/scoped-acquire).
type BoxShared = { lock: RLockShared; total: Int32Array };

// Each thread builds its own Box over the same shared memory.
class Box {
  readonly #lock: RLock;
  readonly #total: Int32Array;
  deepest = 0; // the deepest nesting `execute()` saw: 2 means re-entry

  // A worker gets only plain shared data, so we rebuild the RLock.
  constructor({ lock, total }: BoxShared) {
    [this.#lock, this.#total] = [RLock.from(lock), total];
  }

  // A read and a write, two steps: only the lock keeps them together.
  execute(n: number): void {
    using _held = this.#lock.acquire();
    this.deepest = Math.max(this.deepest, this.#lock.depth);
    Atomics.store(this.#total, 0, Atomics.load(this.#total, 0) + n);
  }

  // `add` holds the lock while `execute` takes it again: re-entry.
  // `remove` does the same the other way.
  add(): void { using _held = this.#lock.acquire(); this.execute(1); }
  remove(): void { using _held = this.#lock.acquire(); this.execute(-1); }
}

// ── Worker side ────────────────────────────────────────────────────
// Both start at a Barrier (shared/src/sync/barrier.ts); each item goes
// in a shared log (+1 added, -1 removed) in the order the box saw them.
interface Job {
  box: BoxShared; role: 'adder' | 'remover'; start: BarrierShared;
  log: Int32Array; // [next free slot, then the entries]
}

// What a thread posts back: its role, how many items, the deepest lock.
export interface Report { role: Job['role']; done: number; deepest: number }

// Each thread is a Node worker running this file on shared memory; its
// role picks how many items it moves, and the sign.
function work({ box: shared, role, start, log }: Job): void {
  const box = new Box(shared);
  const [times, sign] = role === 'adder' ? [TO_ADD, 1] : [TO_REMOVE, -1];
  // The barrier makes both threads start at the same moment.
  Barrier.from(start).wait();
  for (let i = 0; i < times; i++) {
    if (role === 'adder') box.add(); else box.remove();
    // Atomics.add claims the next log slot, so no two entries collide.
    Atomics.store(log, 1 + Atomics.add(log, 0, 1), sign);
    blockingSleep(PAUSE_MS); // Python's time.sleep, on a worker
  }
  // Workers share no objects, so the report goes back as a message.
  parentPort?.postMessage({ role, done: times, deepest: box.deepest });
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns for the test: the reports, the final count, and
// `order`, the items as the box saw them (+1 added, -1 removed).
export interface Result { reports: Report[]; total: number; order: number[] }

// Start both threads on one box, wait for them, print what they did.
export async function main(): Promise<Result> {
  // A SharedArrayBuffer is memory that both workers can see at once.
  const ints = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
  const shared: BoxShared = { lock: new RLock().shared, total: ints(1) };
  const [start, log] = [new Barrier(2).shared, ints(1 + TO_ADD + TO_REMOVE)];
  // Like Python's start() then join(): runWorkers (shared/src/idioms.ts)
  // runs this file once per job and gathers the reports, which arrive in
  // any order; sorting keeps the output stable.
  const jobs = (['adder', 'remover'] as const).map(
    (role): Job => ({ box: shared, role, start, log }));
  const reports = await runWorkers<Job, Report>(HERE, jobs);
  reports.sort((a, b) => a.role.localeCompare(b.role));
  for (const r of reports)
    console.log(`${r.role}: ${r.role === 'adder' ? 'ADDED' : 'REMOVED'} ` +
      `${r.done} items, execute() ran at depth ${r.deepest}`);
  // The log holds the items in the order the box took them.
  const order = [...log.subarray(1)];
  console.log(`in turn: ${order.map((e) => (e > 0 ? '+' : '-')).join('')}`);
  const total = Atomics.load(shared.total, 0);
  console.log(`${total} items remain in the box (${TO_ADD} - ${TO_REMOVE})`);
  return { reports, total, order };
}

// In a worker this file does its job; as the entry, it runs main().
if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// The turns depend on the scheduler: one run printed +-+-+-+-+-+-+-+++++.
// Output:
// adder: ADDED 12 items, execute() ran at depth 2
// remover: REMOVED 7 items, execute() ran at depth 2
// in turn: {*}
// 5 items remain in the box (12 - 7)
