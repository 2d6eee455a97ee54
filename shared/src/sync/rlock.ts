/**
 * RLock: a re-entrant lock, Python's `threading.RLock`. The thread that
 * holds it may lock it again; it is free once that thread has unlocked
 * as many times as it locked.
 *
 * Three int32 cells: a `Mutex` in cell 0, the owner in cell 1 and the
 * depth in cell 2. The owner is the `threadId` from node:worker_threads
 * plus one (the main thread's id is 0, and we keep 0 for "nobody").
 * Only the owner ever writes cells 1 and 2, and it clears them before
 * it unlocks the inner mutex; so when a thread reads its own id in
 * cell 1 it really does hold the lock, and any other value means it
 * does not.
 *
 * The owner is a *thread*, not an async task: two async functions on
 * the same thread count as one owner, exactly like two coroutines under
 * Python's RLock. To keep async tasks of one thread apart, use a Mutex.
 *
 * Why each state exists: owner 0 with depth 0 is free; owner T with
 * depth d is held d times by thread T. The depth stops at 2**31 - 1 (a
 * `lock` past it throws: one more would wrap negative and never free).
 * A fourth cell holds the kind tag that `RLock.from` checks.
 *
 * Where it departs from Python on purpose:
 * - `lock(timeoutMs)` / `unlock()` are Python's `acquire` / `release`;
 *   `acquire()` here is the scoped form for `using`.
 * - Timeouts are milliseconds; a negative one means "try once" (Python
 *   waits forever for -1).
 * - `locked` is a property, as on Mutex (Python's is a method);
 *   `isOwned()` and `depth` show what Python keeps private.
 * - `unlockAll()` / `relock(depth)` are Python's private
 *   `_release_save` / `_acquire_restore`, public here for Condition.
 */
import { threadId } from 'node:worker_threads';
import {
  allocateTagged,
  checkKind,
  guarded,
  MAX_CELL,
  holding,
  holdingAsync,
  type Guard,
} from './futex.ts';
import { Mutex } from './mutex.ts';

/** What crosses threads: four int32 cells (lock, owner, depth, tag). */
export type RLockShared = Int32Array;

const OWNER = 1;
const DEPTH = 2;

// This thread's id as stored in the owner cell (0 means "no owner").
const ME = threadId + 1;

export class RLock {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: RLockShared;
  readonly #mutex: Mutex;

  /** A fresh, free lock; or the lock stored in `shared` (see `from`). */
  constructor(shared?: RLockShared) {
    this.shared = shared === undefined
      ? allocateTagged(3, 'RLock')
      : checkKind(shared, 3, 'RLock');
    this.#mutex = new Mutex(this.shared.subarray(0, 1));
  }

  /** Rebuilds, in another thread, the lock whose `shared` was posted. */
  static from(shared: RLockShared): RLock {
    return new RLock(shared);
  }

  /**
   * True while any thread holds the lock (a snapshot). Python's
   * `locked()` is a method; here it is a property, as on Mutex.
   */
  get locked(): boolean {
    return this.#mutex.locked;
  }

  /** True if the calling thread holds the lock. */
  isOwned(): boolean {
    return Atomics.load(this.shared, OWNER) === ME;
  }

  /** How many times the calling thread holds the lock (0 if it doesn't). */
  get depth(): number {
    return this.isOwned() ? Atomics.load(this.shared, DEPTH) : 0;
  }

  // Called once the inner mutex is ours: record who holds it.
  #enter(): true {
    Atomics.store(this.shared, OWNER, ME);
    Atomics.store(this.shared, DEPTH, 1);
    return true;
  }

  // Re-entry: only the owner touches the depth, so load+store is safe.
  // One more than 2**31 - 1 would wrap to a negative depth, and the
  // lock would never be freed: refuse, as WaitGroup and Semaphore do.
  #reenter(): true {
    const depth = Atomics.load(this.shared, DEPTH);
    if (depth === MAX_CELL) {
      throw new RangeError(`RLock re-entered more than ${MAX_CELL} times`);
    }
    Atomics.store(this.shared, DEPTH, depth + 1);
    return true;
  }

  /** Takes the lock without waiting; true on success or re-entry. */
  tryLock(): boolean {
    if (this.isOwned()) return this.#reenter();
    return this.#mutex.tryLock() && this.#enter();
  }

  /** Takes (or re-enters) the lock; false if `timeoutMs` passed first. */
  lock(timeoutMs?: number): boolean {
    if (this.isOwned()) return this.#reenter();
    return this.#mutex.lock(timeoutMs) && this.#enter();
  }

  /** Async form of `lock`, for the main thread. */
  async lockAsync(timeoutMs?: number): Promise<boolean> {
    if (this.isOwned()) return this.#reenter();
    return (await this.#mutex.lockAsync(timeoutMs)) && this.#enter();
  }

  /**
   * Undoes one `lock`. The last one frees the lock. Unlocking a lock
   * this thread does not hold is a bug, so we throw, as Python's
   * "cannot release un-acquired lock" does.
   */
  unlock(): void {
    if (!this.isOwned()) {
      throw new Error(
        `RLock.unlock(): this thread (threadId ${threadId}) ` +
          'does not hold the lock',
      );
    }
    const depth = Atomics.load(this.shared, DEPTH) - 1;
    Atomics.store(this.shared, DEPTH, depth);
    if (depth > 0) return;
    // Clear the owner while we still hold the mutex: cleared after the
    // unlock, it could erase the id that the next owner just wrote.
    Atomics.store(this.shared, OWNER, 0);
    this.#mutex.unlock();
  }

  /**
   * For Condition.wait: lets go of every level at once and returns how
   * many there were (Python's `_release_save`). The caller must own it.
   */
  unlockAll(): number {
    const depth = this.depth; // 0 if this thread does not own it
    if (depth > 0) Atomics.store(this.shared, DEPTH, 1);
    this.unlock(); // frees it, or throws the usual "does not hold"
    return depth;
  }

  /** Takes the lock back at `depth` levels (Python's `_acquire_restore`). */
  relock(depth: number): void {
    this.#mutex.lock();
    this.#enter();
    Atomics.store(this.shared, DEPTH, depth);
  }

  /** Async form of `relock`. */
  async relockAsync(depth: number): Promise<void> {
    await this.#mutex.lockAsync();
    this.#enter();
    Atomics.store(this.shared, DEPTH, depth);
  }

  /** Runs `fn` while holding the lock, and always unlocks. */
  withLock<T>(fn: () => T): T {
    return holding(() => this.lock(), () => this.unlock(), fn);
  }

  /** Async form of `withLock`. */
  withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    return holdingAsync(() => this.lockAsync(), () => this.unlock(), fn);
  }

  /** Scoped form: `using guard = rlock.acquire();` */
  acquire(timeoutMs?: number): Guard {
    return guarded(this.lock(timeoutMs), () => this.unlock(),
      'RLock.acquire()');
  }

  /** `using guard = await rlock.acquireAsync();` */
  async acquireAsync(timeoutMs?: number): Promise<Guard> {
    return guarded(await this.lockAsync(timeoutMs), () => this.unlock(),
      'RLock.acquireAsync()');
  }
}
