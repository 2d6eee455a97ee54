/**
 * Using `using` (Python's `with`) for locks, conditions and semaphores
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Using the with statement
 * @covers  T11
 * @run     npm run recipe -- threads/scoped-acquire
 * @see     threads/lock, threads/rlock, threads/condition, threads/semaphore
 *
 * In Python, `Lock`, `RLock`, `Condition` and `Semaphore` are context
 * managers: `with lock:` releases on the way out, even when the block
 * raises. The book takes each of the four twice: one thread with
 * `with`, another with acquire, try, finally release. TypeScript's
 * `using` is the `with`: `acquire()` (`hold()` for a semaphore) returns
 * a Guard whose `[Symbol.dispose]` releases at the end of the block
 * (tsx compiles it for Node 20). The primitives are built in
 * shared/src/sync; main checks at the end that both threads let go.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, runWorkers, workerInput } from '@cookbook/shared';
import { Condition, Mutex, RLock, Semaphore } from '@cookbook/shared/sync';

// The four primitives as shared memory, to post to both workers.
const newShared = () => ({ mutex: new Mutex().shared,
  rlock: new RLock().shared, cond: new Condition().shared,
  sem: new Semaphore(1).shared });
type Shared = ReturnType<typeof newShared>;

// ── Worker side ────────────────────────────────────────────────────
// Each line says which thread holds what, and how it got it; workers
// post each line back, so the main thread prints them all.
type Job = Shared & { thread: string };
const say = (thread: string, name: string, via: string): void =>
  parentPort?.postMessage(`(${thread}) ${name} acquired ${via}`);

// Thread-1, the book's `with` thread: each block holds its primitive
// from the `using` line to its closing brace.
function withUsing({ thread, mutex, rlock, cond, sem }: Job): void {
  {
    // The Guard's dispose unlocks at the brace, like leaving a with block.
    using _lock = Mutex.from(mutex).acquire();
    say(thread, 'Mutex', 'via using');
  }
  {
    // An RLock works the same; its owner could even take it again.
    using _rlock = RLock.from(rlock).acquire();
    say(thread, 'RLock', 'via using');
  }
  {
    // A condition is held through its mutex, as in Python.
    using _cond = Condition.from(cond).acquire();
    say(thread, 'Condition', 'via using');
  }
  {
    // hold() takes one permit and gives it back at the closing brace.
    using _permit = Semaphore.from(sem).hold();
    say(thread, 'Semaphore', 'via using');
  }
}

// Thread-2, the book's other thread: acquire, then try/finally release.
function directly({ thread, mutex, rlock, cond, sem }: Job): void {
  // Without using, we must release in finally, or an error leaks the lock.
  const lock = Mutex.from(mutex);
  lock.lock();
  try { say(thread, 'Mutex', 'directly'); } finally { lock.unlock(); }
  // The RLock the same way: lock, then unlock in finally.
  const rl = RLock.from(rlock);
  rl.lock();
  try { say(thread, 'RLock', 'directly'); } finally { rl.unlock(); }
  // For a condition we lock and unlock its mutex ourselves.
  const held = Condition.from(cond).mutex;
  held.lock();
  try { say(thread, 'Condition', 'directly'); } finally { held.unlock(); }
  // And a semaphore: acquire a permit, release it in finally.
  const permits = Semaphore.from(sem);
  permits.acquire();
  try { say(thread, 'Semaphore', 'directly'); } finally { permits.release(); }
}

// ── Main side ──────────────────────────────────────────────────────
// Every line the threads posted, and for each primitive, whether the
// main thread took it without waiting.
export interface Result {
  lines: string[]; freeForMain: Record<string, boolean>;
}

// Both threads take all four, then main checks that each is free.
export async function main(): Promise<Result> {
  // We create the four primitives once; both workers get their memory.
  const shared = newShared();
  // runWorkers (shared/src/idioms.ts) starts both, prints each line as
  // it arrives, keeps them all, and returns when both have finished.
  const lines = await runWorkers<Job, string>(new URL(import.meta.url),
    ['Thread-1', 'Thread-2'].map((thread) => ({ ...shared, thread })),
    (line) => console.log(line));
  // A worker's exit releases nothing, so a take that does not wait
  // proves each primitive was let go. (`tryLock`, `tryAcquire`: no wait.)
  const free = {
    Mutex: Mutex.from(shared.mutex).tryLock(),
    RLock: RLock.from(shared.rlock).tryLock(),
    Condition: Condition.from(shared.cond).mutex.tryLock(),
    Semaphore: Semaphore.from(shared.sem).tryAcquire(),
  };
  // One line per primitive: true means nobody still held it.
  for (const [name, ok] of Object.entries(free))
    console.log(`(main) ${name} acquired without waiting: ${ok}`);
  return { lines, freeForMain: free };
}

// Thread-1 uses using, Thread-2 the explicit calls; main runs the checks.
if (!isMainThread) {
  const job = workerInput<Job>();
  (job.thread === 'Thread-1' ? withUsing : directly)(job);
} else if (isEntry(import.meta.url)) await main();

// Both threads run at once, so their lines interleave.
// Unordered output:
// (Thread-1) Mutex acquired via using
// (Thread-1) RLock acquired via using
// (Thread-1) Condition acquired via using
// (Thread-1) Semaphore acquired via using
// (Thread-2) Mutex acquired directly
// (Thread-2) RLock acquired directly
// (Thread-2) Condition acquired directly
// (Thread-2) Semaphore acquired directly
// (main) Mutex acquired without waiting: true
// (main) RLock acquired without waiting: true
// (main) Condition acquired without waiting: true
// (main) Semaphore acquired without waiting: true
