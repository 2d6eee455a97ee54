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
 * `with`, another directly with acquire, try, finally release.
 * TypeScript's `using` is the `with`: `acquire()` (`hold()` for a
 * semaphore) returns a Guard whose `[Symbol.dispose]` releases at the
 * end of the block; tsx compiles it for Node 20. The primitives are
 * built in shared/src/sync (mutex.ts, rlock.ts, condition.ts,
 * semaphore.ts). Last, the main thread takes each one
 * without waiting, which proves that both threads let go.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import { Condition, Mutex, RLock, Semaphore } from '@cookbook/shared/sync';

// The four primitives as shared memory, to post to both workers.
const newShared = () => ({ mutex: new Mutex().shared,
  rlock: new RLock().shared, cond: new Condition().shared,
  sem: new Semaphore(1).shared });
type Shared = ReturnType<typeof newShared>;

// ── Worker side ────────────────────────────────────────────────────
// Each line says which thread holds what, and how it got it.
type Job = Shared & { thread: string };
const say = (thread: string, name: string, via: string): void =>
  parentPort?.postMessage(`(${thread}) ${name} acquired ${via}`);

// Thread-1, the book's `with` thread: each block holds its primitive
// from the `using` line to its closing brace.
function withUsing({ thread, mutex, rlock, cond, sem }: Job): void {
  {
    using _lock = Mutex.from(mutex).acquire();
    say(thread, 'Mutex', 'via using');
  }
  {
    using _rlock = RLock.from(rlock).acquire();
    say(thread, 'RLock', 'via using');
  }
  {
    // A condition is held through its mutex, as in Python.
    using _cond = Condition.from(cond).acquire();
    say(thread, 'Condition', 'via using');
  }
  {
    using _permit = Semaphore.from(sem).hold();
    say(thread, 'Semaphore', 'via using');
  }
}

// Thread-2, the book's other thread: acquire, then try/finally release.
function directly({ thread, mutex, rlock, cond, sem }: Job): void {
  const lock = Mutex.from(mutex);
  lock.lock();
  try { say(thread, 'Mutex', 'directly'); } finally { lock.unlock(); }
  const rl = RLock.from(rlock);
  rl.lock();
  try { say(thread, 'RLock', 'directly'); } finally { rl.unlock(); }
  const condition = Condition.from(cond);
  condition.mutex.lock();
  try {
    say(thread, 'Condition', 'directly');
  } finally { condition.mutex.unlock(); }
  const semaphore = Semaphore.from(sem);
  semaphore.acquire();
  try {
    say(thread, 'Semaphore', 'directly');
  } finally { semaphore.release(); }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  lines: string[];
  /** Primitive name -> did the main thread take it without waiting? */
  freeForMain: Record<string, boolean>;
}

export async function main(): Promise<Result> {
  const shared = newShared();
  const lines: string[] = [];
  const workers = ['Thread-1', 'Thread-2'].map((thread) => {
    const w = spawnWorker(new URL(import.meta.url), { ...shared, thread });
    w.on('message', (line: string) => { lines.push(line); console.log(line); });
    return w;
  });
  await joinAll(workers);

  // A worker's exit releases nothing, so a take that does not wait
  // proves each primitive was let go. (`tryLock`, `tryAcquire`: no wait.)
  const free = {
    Mutex: Mutex.from(shared.mutex).tryLock(),
    RLock: RLock.from(shared.rlock).tryLock(),
    Condition: Condition.from(shared.cond).mutex.tryLock(),
    Semaphore: Semaphore.from(shared.sem).tryAcquire(),
  };
  for (const [name, ok] of Object.entries(free)) {
    console.log(`(main) ${name} acquired without waiting: ${ok}`);
  }
  return { lines, freeForMain: free };
}

if (!isMainThread) {
  const job = workerInput<Job>();
  if (job.thread === 'Thread-1') withUsing(job);
  else directly(job);
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
