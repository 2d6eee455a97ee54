/**
 * Condition: a condition variable, Python's `threading.Condition`. A
 * thread holding the lock waits until another thread changes shared
 * state and notifies. Read it after mutex.ts and rlock.ts.
 *
 * How it is built. The lock is an RLock unless you pass one, as in
 * Python: an RLock knows which thread holds it, so `wait` and `notify`
 * from a thread that does not hold it throw ("cannot wait on
 * un-acquired lock") instead of unlocking another thread's hold. On
 * top of the lock, one futex cell holds a sequence number rather than a
 * queue of waiters:
 * - `wait` reads the sequence while it still holds the lock, lets go of
 *   it (every level of a re-entered RLock, restored afterwards), then
 *   sleeps only while the sequence still has the value it read.
 * - `notify` bumps the sequence, then wakes sleepers.
 * A notifier holds the lock, so its bump comes after the waiter's read.
 * If the bump lands between the waiter's unlock and its sleep, the
 * sleep sees a changed cell and returns at once: no notify is lost.
 *
 * Wake-ups are hints, not facts. `notify` wakes with "ok" whether or not
 * the state changed (mdn/content#37742), `notify(1)` may wake more than
 * one thread, and another thread may grab the lock first and undo the
 * change. So callers always wait in a loop on their predicate; `waitFor`
 * is that loop. (The sequence wraps after 2**32 notifies; a waiter would
 * have to sleep through exactly that many to miss one.)
 *
 * Where it departs from Python on purpose:
 * - Timeouts are milliseconds, not seconds; a negative one means "do
 *   not sleep" (Python's `wait(-1)` also returns at once).
 * - `wait` returns false on timeout, as Python's does; `waitFor` returns
 *   the predicate's last value, as `wait_for` does.
 * - The lock is `cond.mutex` (Python keeps it private and lends its
 *   methods to the condition; `cond.acquire()` here is the scoped form).
 * - With a Mutex you pass yourself (several conditions on one lock, as a
 *   queue's "not empty" and "not full"), the check is weaker, as with
 *   Python's `Condition(Lock())`: a Mutex has no owner, so we can only
 *   check that *some* thread holds it.
 * - The owner of an RLock is a thread: two async tasks of the main
 *   thread count as one owner. To keep async tasks of one thread apart,
 *   give the condition a Mutex.
 */
import {
  allocateTagged,
  checkKind,
  deadlineOf,
  type Guard,
  kindOf,
  remaining,
  waitAsync,
  waitSync,
} from './futex.ts';
import { Mutex, type MutexShared } from './mutex.ts';
import { RLock, type RLockShared } from './rlock.ts';

/** What crosses threads: the lock's cells and the sequence cell + tag. */
export interface ConditionShared {
  readonly mutex: MutexShared | RLockShared;
  readonly seq: Int32Array;
}

export class Condition {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: ConditionShared;
  /** The lock that guards the state this condition is about. */
  readonly mutex: Mutex | RLock;

  /**
   * A condition on `lock` (a fresh RLock if none is given). Several
   * conditions may share one lock, as a queue's "not empty" and "not
   * full" do.
   */
  constructor(lock?: Mutex | RLock);
  /** Attaches to the condition in `shared` (prefer `Condition.from`). */
  constructor(shared: ConditionShared);
  constructor(init?: Mutex | RLock | ConditionShared) {
    if (init === undefined || init instanceof Mutex ||
      init instanceof RLock) {
      this.mutex = init ?? new RLock();
      this.shared = { mutex: this.mutex.shared,
        seq: allocateTagged(1, 'Condition') };
    } else {
      // The lock's own tag says which kind of lock it is.
      this.mutex = kindOf(init.mutex) === 'RLock'
        ? RLock.from(init.mutex)
        : Mutex.from(init.mutex);
      this.shared = {
        mutex: this.mutex.shared,
        seq: checkKind(init.seq, 1, 'Condition'),
      };
    }
  }

  /** Rebuilds, in another thread, the condition whose `shared` was posted. */
  static from(shared: ConditionShared): Condition {
    return new Condition(shared);
  }

  // Python raises "cannot wait on un-acquired lock". An RLock knows its
  // owner; a Mutex has none, so for it we check that somebody holds it.
  #checkHeld(what: string): void {
    const lock = this.mutex;
    if (lock instanceof RLock ? !lock.isOwned() : !lock.locked) {
      const why = lock instanceof RLock
        ? 'cannot use an un-acquired lock (another thread may hold it)'
        : 'the mutex is not locked';
      throw new Error(`Condition.${what}: ${why}`);
    }
  }

  // Lets go of the lock for a wait; returns how to take it back.
  #release(): number {
    const lock = this.mutex;
    if (lock instanceof RLock) return lock.unlockAll();
    lock.unlock();
    return 1;
  }

  /**
   * Unlocks, sleeps until notified (or `timeoutMs`), and locks again
   * before returning, even after a timeout. Returns false on timeout.
   * The caller must hold the lock and must re-check its predicate.
   */
  wait(timeoutMs?: number): boolean {
    this.#checkHeld('wait()');
    const deadline = deadlineOf(timeoutMs);
    const seq = Atomics.load(this.shared.seq, 0);
    const depth = this.#release();
    try {
      return waitSync(this.shared.seq, 0, seq, deadline) !== 'timed-out';
    } finally {
      if (this.mutex instanceof RLock) this.mutex.relock(depth);
      else this.mutex.lock();
    }
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<boolean> {
    this.#checkHeld('waitAsync()');
    const deadline = deadlineOf(timeoutMs);
    const seq = Atomics.load(this.shared.seq, 0);
    const depth = this.#release();
    try {
      const result = await waitAsync(this.shared.seq, 0, seq, deadline);
      return result !== 'timed-out';
    } finally {
      if (this.mutex instanceof RLock) await this.mutex.relockAsync(depth);
      else await this.mutex.lockAsync();
    }
  }

  /**
   * Waits until `predicate()` is true: Python's `wait_for`. It checks
   * the predicate first, and again after every wake-up. Returns the
   * predicate's last value, so false means the timeout passed.
   */
  waitFor(predicate: () => boolean, timeoutMs?: number): boolean {
    const deadline = deadlineOf(timeoutMs);
    let ok = predicate();
    while (!ok) {
      const left = remaining(deadline);
      if (left <= 0) break;
      this.wait(left);
      ok = predicate();
    }
    return ok;
  }

  /** Async form of `waitFor`. */
  async waitForAsync(
    predicate: () => boolean,
    timeoutMs?: number,
  ): Promise<boolean> {
    const deadline = deadlineOf(timeoutMs);
    let ok = predicate();
    while (!ok) {
      const left = remaining(deadline);
      if (left <= 0) break;
      await this.waitAsync(left);
      ok = predicate();
    }
    return ok;
  }

  /** Wakes up to `n` waiters. The caller must hold the lock. */
  notify(n = 1): void {
    this.#checkHeld('notify()');
    Atomics.add(this.shared.seq, 0, 1);
    Atomics.notify(this.shared.seq, 0, n);
  }

  /** Wakes every waiter. The caller must hold the lock. */
  notifyAll(): void {
    this.#checkHeld('notifyAll()');
    Atomics.add(this.shared.seq, 0, 1);
    Atomics.notify(this.shared.seq, 0);
  }

  /** Scoped lock: `using guard = cond.acquire();` */
  acquire(timeoutMs?: number): Guard {
    return this.mutex.acquire(timeoutMs);
  }

  /** `using guard = await cond.acquireAsync();` */
  async acquireAsync(timeoutMs?: number): Promise<Guard> {
    return this.mutex.acquireAsync(timeoutMs);
  }
}
