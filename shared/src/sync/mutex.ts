/**
 * Mutex: a lock that any thread (worker or main) can take, built on one
 * int32 cell in shared memory. Python's counterpart is `threading.Lock`.
 *
 * We follow the three-state futex lock from Ulrich Drepper's paper
 * "Futexes Are Tricky" (mutex #2):
 *   0 = free, 1 = locked, 2 = locked and someone may be sleeping.
 * - Locking with no contention is one compare-and-swap 0 -> 1.
 * - A thread that finds the lock taken marks it 2 before it sleeps, so
 *   the holder knows that it must wake someone.
 * - Unlocking from 1 needs no system call at all; only unlocking from 2
 *   calls `Atomics.notify`, and then wakes exactly one sleeper.
 * A woken thread swaps in 2 (not 1): it cannot know whether others are
 * still asleep, so it stays pessimistic. The cost is at most one
 * needless notify later; the gain is that no wake-up is ever lost.
 *
 * Like Python's Lock (and unlike RLock) the mutex has no owner: any
 * thread may unlock it, and locking it twice from one thread deadlocks.
 *
 * Blocking or async? `lock()` parks the whole thread in `Atomics.wait`;
 * `lockAsync()` parks only the calling async function. So on one thread
 * do not mix them on the same mutex: if an async task of this thread
 * holds the lock (even for one `await`), a blocking `lock()` here waits
 * for a task that can never run again. Workers use the blocking forms,
 * the main thread the async ones.
 *
 * The memory: `new Mutex()` allocates the lock cell and a kind tag
 * (see futex.ts), so `Mutex.from` refuses another primitive's cells.
 * `new Mutex(view)` takes any one cell you laid out yourself.
 *
 * Where it departs from Python on purpose:
 * - `lock(timeoutMs)` / `unlock()` are Python's `acquire(timeout=...)` /
 *   `release()`; `acquire()` here is the scoped form for `using`.
 * - Timeouts are milliseconds; a negative one means "try once" (Python
 *   waits forever for -1 and refuses other negatives).
 * - `locked` is a property, not a method.
 * - There is no `blocking=False`: that is `tryLock()`.
 */
import {
  allocateTagged,
  checkKind,
  checkShared,
  deadlineOf,
  guarded,
  holding,
  holdingAsync,
  type Guard,
  waitAsync,
  waitSync,
} from './futex.ts';

/** What crosses threads: the lock cell and the kind tag (or one raw cell). */
export type MutexShared = Int32Array;

const FREE = 0;
const LOCKED = 1;
const CONTENDED = 2;

export class Mutex {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: MutexShared;

  /**
   * `new Mutex()` allocates a fresh, free lock. Passing a shared view
   * uses its cell 0 instead, which lets a recipe keep its lock in the
   * same buffer as its data (a zero-filled cell is a free lock).
   */
  constructor(shared?: MutexShared) {
    this.shared = shared === undefined
      ? allocateTagged(1, 'Mutex')
      : checkShared(shared, 1, 'Mutex');
  }

  /**
   * Rebuilds, in another thread, the mutex whose `shared` was posted.
   * It checks the kind tag (another primitive's cells are refused); a
   * single untagged cell is taken as a hand-laid lock, as by `new`.
   */
  static from(shared: MutexShared): Mutex {
    if (shared instanceof Int32Array && shared.length === 1) {
      return new Mutex(shared);
    }
    return new Mutex(checkKind(shared, 1, 'Mutex'));
  }

  /** True while some thread holds the lock (a snapshot, for asserts). */
  get locked(): boolean {
    return Atomics.load(this.shared, 0) !== FREE;
  }

  /** Takes the lock if it is free right now; never waits. */
  tryLock(): boolean {
    return Atomics.compareExchange(this.shared, 0, FREE, LOCKED) === FREE;
  }

  /**
   * Takes the lock, sleeping while another thread holds it. Returns
   * true, or false if `timeoutMs` passed first. Blocks the thread: on
   * the main thread prefer `lockAsync`.
   */
  lock(timeoutMs?: number): boolean {
    const cells = this.shared;
    let state = Atomics.compareExchange(cells, 0, FREE, LOCKED);
    if (state === FREE) return true;
    const deadline = deadlineOf(timeoutMs);
    // Announce that we are about to sleep. If the swap returns FREE the
    // holder let go in the meantime and the lock is ours (in state 2).
    if (state !== CONTENDED) state = Atomics.exchange(cells, 0, CONTENDED);
    while (state !== FREE) {
      if (waitSync(cells, 0, CONTENDED, deadline) === 'timed-out') {
        // One last try, so a lock freed at the deadline is not missed.
        return Atomics.compareExchange(cells, 0, FREE, CONTENDED) === FREE;
      }
      state = Atomics.exchange(cells, 0, CONTENDED);
    }
    return true;
  }

  /**
   * The same protocol with `Atomics.waitAsync`: the calling thread
   * keeps running its event loop while it waits for the lock.
   */
  async lockAsync(timeoutMs?: number): Promise<boolean> {
    const cells = this.shared;
    let state = Atomics.compareExchange(cells, 0, FREE, LOCKED);
    if (state === FREE) return true;
    const deadline = deadlineOf(timeoutMs);
    if (state !== CONTENDED) state = Atomics.exchange(cells, 0, CONTENDED);
    while (state !== FREE) {
      const result = await waitAsync(cells, 0, CONTENDED, deadline);
      if (result === 'timed-out') {
        return Atomics.compareExchange(cells, 0, FREE, CONTENDED) === FREE;
      }
      state = Atomics.exchange(cells, 0, CONTENDED);
    }
    return true;
  }

  /**
   * Releases the lock. From state 1 nobody sleeps, so we just store 0.
   * From state 2 we store 0 and wake one sleeper. Unlocking a free
   * mutex is a bug in the caller, so we throw (as Python does).
   */
  unlock(): void {
    const cells = this.shared;
    const state = Atomics.compareExchange(cells, 0, LOCKED, FREE);
    if (state === LOCKED) return;
    if (state === FREE) {
      throw new Error('Mutex.unlock(): the mutex is not locked');
    }
    // State 2: only the holder moves the lock away from 2, so a plain
    // store is safe here.
    Atomics.store(cells, 0, FREE);
    Atomics.notify(cells, 0, 1);
  }

  /** Runs `fn` while holding the lock, and always unlocks. */
  withLock<T>(fn: () => T): T {
    return holding(() => this.lock(), () => this.unlock(), fn);
  }

  /** Async form of `withLock`: waits without blocking the thread. */
  withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    return holdingAsync(() => this.lockAsync(), () => this.unlock(), fn);
  }

  /**
   * Scoped form: `using guard = mutex.acquire();` unlocks when the
   * block ends. With a timeout it throws `TimeoutError` on expiry.
   */
  acquire(timeoutMs?: number): Guard {
    return guarded(this.lock(timeoutMs), () => this.unlock(),
      'Mutex.acquire()');
  }

  /** `using guard = await mutex.acquireAsync();` */
  async acquireAsync(timeoutMs?: number): Promise<Guard> {
    return guarded(await this.lockAsync(timeoutMs), () => this.unlock(),
      'Mutex.acquireAsync()');
  }
}
