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
 * again in the `execute()` they call. Our RLock (shared/src/sync/rlock.ts)
 * wraps the Atomics Mutex with two more cells: the owner's `threadId`
 * and a depth, so the owner may lock again and the last unlock frees
 * it. Fixed counts replace the book's `randint`, and we print the final
 * count, which the 2nd edition forgets. We also show, without hanging,
 * that a plain Mutex would deadlock on re-entry, and that unlocking an
 * RLock you do not hold throws.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import { Mutex, RLock, type RLockShared } from '@cookbook/shared/sync';

// The book's adder gets randint(10, 20) items, the remover randint(1, 10).
const TO_ADD = 12;
const TO_REMOVE = 7;

// ── The Box, shared by both threads ────────────────────────────────
// Its state is one shared cell; its lock is an RLock in shared memory.
interface BoxShared {
  lock: RLockShared;
  total: Int32Array;
}

class Box {
  readonly #lock: RLock;
  readonly #total: Int32Array;
  /** The deepest nesting `execute()` saw: 2 means it re-entered. */
  deepest = 0;

  constructor({ lock, total }: BoxShared) {
    this.#lock = RLock.from(lock);
    this.#total = total;
  }

  // A read and a write, two steps: only the lock keeps them together.
  execute(n: number): void {
    this.#lock.withLock(() => {
      this.deepest = Math.max(this.deepest, this.#lock.depth);
      const seen = Atomics.load(this.#total, 0);
      Atomics.store(this.#total, 0, seen + n);
    });
  }

  // `add` holds the lock while `execute` takes it again: re-entry.
  add(): void {
    this.#lock.withLock(() => this.execute(1));
  }

  remove(): void {
    this.#lock.withLock(() => this.execute(-1));
  }
}

// ── Worker side ────────────────────────────────────────────────────
interface Job {
  box: BoxShared;
  role: 'adder' | 'remover';
}

interface Report {
  role: Job['role'];
  done: number;
  deepest: number;
}

function work({ box: shared, role }: Job): void {
  const box = new Box(shared);
  const times = role === 'adder' ? TO_ADD : TO_REMOVE;
  for (let i = 0; i < times; i++) {
    if (role === 'adder') box.add();
    else box.remove();
  }
  const report: Report = { role, done: times, deepest: box.deepest };
  parentPort?.postMessage(report);
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  reports: Report[];
  total: number;
  /** A second lock of a held Mutex, tried without waiting. */
  mutexReentered: boolean;
  /** The same, waiting at most 50 ms instead of forever. */
  mutexReenteredWithin50ms: boolean;
  /** What `unlock()` on an RLock this thread does not hold threw. */
  strayUnlockError: string;
}

export async function main(): Promise<Result> {
  const shared: BoxShared = { lock: new RLock().shared,
    total: new Int32Array(new SharedArrayBuffer(4)) };
  const reports: Report[] = [];
  const workers = (['adder', 'remover'] as const).map((role) => {
    const w = spawnWorker(new URL(import.meta.url), { box: shared, role });
    w.on('message', (r: Report) => reports.push(r));
    return w;
  });
  await joinAll(workers);
  reports.sort((a, b) => a.role.localeCompare(b.role));
  for (const r of reports) {
    const verb = r.role === 'adder' ? 'ADDED' : 'REMOVED';
    console.log(`${r.role}: ${verb} ${r.done} items, ` +
      `execute() ran at depth ${r.deepest}`);
  }
  const total = Atomics.load(shared.total, 0);
  console.log(`${total} items remain in the box (${TO_ADD} - ${TO_REMOVE})`);

  // A Mutex has no owner, so it cannot tell re-entry from contention:
  // a second `lock()` from the holder would sleep forever. We ask
  // without waiting, and with a bounded wait, instead of hanging.
  const mutex = new Mutex();
  mutex.lock();
  const mutexReentered = mutex.tryLock();
  const mutexReenteredWithin50ms = await mutex.lockAsync(50);
  mutex.unlock();
  console.log(`Mutex locked twice: tryLock() = ${mutexReentered}, ` +
    `lockAsync(50) = ${mutexReenteredWithin50ms} (a deadlock)`);

  // An RLock knows its owner: the main thread never took this one.
  let strayUnlockError = '';
  try {
    new RLock(shared.lock).unlock();
  } catch (error) {
    strayUnlockError = (error as Error).message;
  }
  console.log('RLock unlocked by a thread that does not hold it:');
  console.log(`  ${strayUnlockError}`);
  return { reports, total, mutexReentered, mutexReenteredWithin50ms,
    strayUnlockError };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// adder: ADDED 12 items, execute() ran at depth 2
// remover: REMOVED 7 items, execute() ran at depth 2
// 5 items remain in the box (12 - 7)
// Mutex locked twice: tryLock() = false, lockAsync(50) = false (a deadlock)
// RLock unlocked by a thread that does not hold it:
//   RLock.unlock(): this thread (threadId 0) does not hold the lock
