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
 * raises. TypeScript's `using` does the same: `acquire()` (`hold()` for
 * a semaphore) returns a Guard whose `[Symbol.dispose]` releases, and
 * tsx compiles `using` for Node 20. Our primitives (shared/src/sync)
 * also offer a callback form (`withLock`, `withPermit`) and plain
 * lock/unlock for try/finally. A worker takes each primitive all three
 * ways, throwing inside every block; then the main thread proves each
 * one free by taking it without waiting.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, join, spawnWorker, workerInput } from '@cookbook/shared';
import {
  Condition,
  type ConditionShared,
  Mutex,
  type MutexShared,
  RLock,
  type RLockShared,
  Semaphore,
  type SemaphoreShared,
} from '@cookbook/shared/sync';

interface Shared {
  mutex: MutexShared;
  rlock: RLockShared;
  cond: ConditionShared;
  sem: SemaphoreShared;
}

// One table row per primitive: the three ways to hold it, a check that
// this thread no longer holds it, and a take that never waits.
interface Scoped {
  name: string;
  acquire: () => Disposable; // for `using`
  callback: [string, (block: () => void) => void];
  lock: () => void;
  unlock: () => void;
  held: () => boolean;
  tryTake: () => boolean;
}

function scoped(s: Shared): Scoped[] {
  const [mutex, rlock] = [Mutex.from(s.mutex), RLock.from(s.rlock)];
  const [cond, sem] = [Condition.from(s.cond), Semaphore.from(s.sem)];
  return [
    { name: 'Mutex', acquire: () => mutex.acquire(),
      callback: ['withLock', (b) => mutex.withLock(b)],
      lock: () => mutex.lock(), unlock: () => mutex.unlock(),
      held: () => mutex.locked, tryTake: () => mutex.tryLock() },
    { name: 'RLock', acquire: () => rlock.acquire(),
      callback: ['withLock', (b) => rlock.withLock(b)],
      lock: () => rlock.lock(), unlock: () => rlock.unlock(),
      held: () => rlock.isOwned(), tryTake: () => rlock.tryLock() },
    // A condition is held through its mutex, as in Python.
    { name: 'Condition', acquire: () => cond.acquire(),
      callback: ['mutex.withLock', (b) => cond.mutex.withLock(b)],
      lock: () => cond.mutex.lock(), unlock: () => cond.mutex.unlock(),
      held: () => cond.mutex.locked, tryTake: () => cond.mutex.tryLock() },
    { name: 'Semaphore', acquire: () => sem.hold(),
      callback: ['withPermit', (b) => sem.withPermit(b)],
      lock: () => sem.acquire(), unlock: () => sem.release(),
      held: () => sem.value === 0, tryTake: () => sem.tryAcquire() },
  ];
}

// ── Worker side ────────────────────────────────────────────────────
export interface Line {
  name: string;
  via: string;
  heldInside: boolean;
  releasedAfterThrow: boolean;
}

function work(shared: Shared): void {
  for (const p of scoped(shared)) {
    // Every block notes that it really holds the primitive, then throws.
    let heldInside = false;
    const boom = (): never => {
      heldInside = p.held();
      throw new Error('boom');
    };
    const ways: [string, () => void][] = [
      ['using', () => {
        using _guard = p.acquire(); // released when this block exits
        boom();
      }],
      [p.callback[0], () => p.callback[1](boom)],
      ['try/finally', () => {
        p.lock();
        try {
          boom();
        } finally {
          p.unlock();
        }
      }],
    ];
    for (const [via, block] of ways) {
      heldInside = false;
      try {
        block();
      } catch {
        const line: Line = { name: p.name, via, heldInside,
          releasedAfterThrow: !p.held() };
        parentPort?.postMessage(line);
      }
    }
  }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  lines: Line[];
  /** Primitive name -> did the main thread take it without waiting? */
  freeForMain: Record<string, boolean>;
}

export async function main(): Promise<Result> {
  const shared: Shared = { mutex: new Mutex().shared,
    rlock: new RLock().shared, cond: new Condition().shared,
    sem: new Semaphore(1).shared };
  const lines: Line[] = [];
  const worker = spawnWorker(new URL(import.meta.url), shared);
  worker.on('message', (line: Line) => {
    lines.push(line);
    const held = line.heldInside ? 'acquired' : 'NOT held';
    console.log(`(worker) ${line.name} ${held} via ${line.via}, ` +
      `block threw, released: ${line.releasedAfterThrow}`);
  });
  await join(worker);

  // A lock the worker forgot would still be taken: the worker's exit
  // releases nothing. So a successful try proves the release.
  const freeForMain: Record<string, boolean> = {};
  for (const p of scoped(shared)) {
    freeForMain[p.name] = p.tryTake();
    console.log(`(main) ${p.name} acquired directly: ${freeForMain[p.name]}`);
    if (freeForMain[p.name]) p.unlock();
  }
  return { lines, freeForMain };
}

if (!isMainThread) work(workerInput<Shared>());
else if (isEntry(import.meta.url)) await main();

// Output:
// (worker) Mutex acquired via using, block threw, released: true
// (worker) Mutex acquired via withLock, block threw, released: true
// (worker) Mutex acquired via try/finally, block threw, released: true
// (worker) RLock acquired via using, block threw, released: true
// (worker) RLock acquired via withLock, block threw, released: true
// (worker) RLock acquired via try/finally, block threw, released: true
// (worker) Condition acquired via using, block threw, released: true
// (worker) Condition acquired via mutex.withLock, block threw, released: true
// (worker) Condition acquired via try/finally, block threw, released: true
// (worker) Semaphore acquired via using, block threw, released: true
// (worker) Semaphore acquired via withPermit, block threw, released: true
// (worker) Semaphore acquired via try/finally, block threw, released: true
// (main) Mutex acquired directly: true
// (main) RLock acquired directly: true
// (main) Condition acquired directly: true
// (main) Semaphore acquired directly: true
