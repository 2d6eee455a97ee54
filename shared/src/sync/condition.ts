/**
 * Condition: a condition variable bound to a Mutex, Python's
 * `threading.Condition`. A thread holding the mutex waits until another
 * thread changes shared state and notifies.
 *
 * We use a sequence number (one futex cell) rather than a queue of
 * waiters:
 * - `wait` reads the sequence while it still holds the mutex, unlocks,
 *   then sleeps only while the sequence still has the value it read.
 * - `notify` bumps the sequence, then wakes sleepers.
 * A notifier holds the mutex, so its bump comes after the waiter's read.
 * If the bump lands between the waiter's unlock and its sleep, the
 * sleep sees a changed cell and returns at once: no notify is lost.
 *
 * Wake-ups are hints, not facts. `notify` wakes with "ok" whether or not
 * the state changed (mdn/content#37742), `notify(1)` may wake more than
 * one thread, and another thread may grab the mutex first and undo the
 * change. So callers always wait in a loop on their predicate; `waitFor`
 * is that loop. (The sequence wraps after 2**32 notifies; a waiter would
 * have to sleep through exactly that many to miss one.)
 */
import {
  allocate,
  checkShared,
  deadlineOf,
  type Guard,
  remaining,
  waitAsync,
  waitSync,
} from './futex.ts';
import { Mutex, type MutexShared } from './mutex.ts';

/** What crosses threads: the mutex cell and the sequence cell. */
export interface ConditionShared {
  readonly mutex: MutexShared;
  readonly seq: Int32Array;
}

export class Condition {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: ConditionShared;
  /** The mutex that guards the state this condition is about. */
  readonly mutex: Mutex;

  /**
   * A condition on `mutex` (a fresh Mutex if none is given). Several
   * conditions may share one mutex, as a queue's "not empty" and "not
   * full" do.
   */
  constructor(mutex?: Mutex);
  /** Attaches to the condition in `shared` (prefer `Condition.from`). */
  constructor(shared: ConditionShared);
  constructor(init?: Mutex | ConditionShared) {
    if (init === undefined || init instanceof Mutex) {
      this.mutex = init ?? new Mutex();
      this.shared = { mutex: this.mutex.shared, seq: allocate(1) };
    } else {
      this.mutex = Mutex.from(init.mutex);
      this.shared = {
        mutex: this.mutex.shared,
        seq: checkShared(init.seq, 1, 'Condition seq'),
      };
    }
  }

  /** Rebuilds, in another thread, the condition whose `shared` was posted. */
  static from(shared: ConditionShared): Condition {
    return new Condition(shared);
  }

  // Python raises "cannot wait on un-acquired lock"; our mutex has no
  // owner, so the best we can check is that *somebody* holds it.
  #checkLocked(what: string): void {
    if (!this.mutex.locked) {
      throw new Error(`Condition.${what}: the mutex is not locked`);
    }
  }

  /**
   * Unlocks the mutex, sleeps until notified (or `timeoutMs`), and
   * locks the mutex again before returning, even after a timeout.
   * Returns false on timeout. The caller must hold the mutex and must
   * re-check its predicate afterwards.
   */
  wait(timeoutMs?: number): boolean {
    this.#checkLocked('wait()');
    const deadline = deadlineOf(timeoutMs);
    const seq = Atomics.load(this.shared.seq, 0);
    this.mutex.unlock();
    try {
      return waitSync(this.shared.seq, 0, seq, deadline) !== 'timed-out';
    } finally {
      this.mutex.lock();
    }
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<boolean> {
    this.#checkLocked('waitAsync()');
    const deadline = deadlineOf(timeoutMs);
    const seq = Atomics.load(this.shared.seq, 0);
    this.mutex.unlock();
    try {
      const result = await waitAsync(this.shared.seq, 0, seq, deadline);
      return result !== 'timed-out';
    } finally {
      await this.mutex.lockAsync();
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

  /** Wakes up to `n` waiters. The caller must hold the mutex. */
  notify(n = 1): void {
    this.#checkLocked('notify()');
    Atomics.add(this.shared.seq, 0, 1);
    Atomics.notify(this.shared.seq, 0, n);
  }

  /** Wakes every waiter. The caller must hold the mutex. */
  notifyAll(): void {
    this.#checkLocked('notifyAll()');
    Atomics.add(this.shared.seq, 0, 1);
    Atomics.notify(this.shared.seq, 0);
  }

  /** Scoped lock of the mutex: `using guard = cond.acquire();` */
  acquire(timeoutMs?: number): Guard {
    return this.mutex.acquire(timeoutMs);
  }

  /** `using guard = await cond.acquireAsync();` */
  async acquireAsync(timeoutMs?: number): Promise<Guard> {
    return this.mutex.acquireAsync(timeoutMs);
  }
}
