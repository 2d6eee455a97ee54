/**
 * WaitGroup: Go's `sync.WaitGroup`. A counter of outstanding jobs:
 * `add(n)` before starting n jobs, `done()` as each one finishes, and
 * `wait()` sleeps until the counter reaches zero. (A CountDownLatch is
 * the same thing with the count fixed up front: `wg.add(n)` once.)
 *
 * One int32 cell holds the counter. Waiters sleep on the counter cell
 * itself with the value they last read. Only the step to zero calls
 * `Atomics.notify`; the other decrements change the cell without
 * waking anyone, and a thread that reads a value and then finds a
 * different one when it goes to sleep just returns, reads again and
 * loops. So waiters are not woken n times for n jobs.
 *
 * As in Go, every `add` that starts from zero must happen before the
 * `wait` that should cover it (add in the parent, done in the worker).
 *
 * Why the counter refuses some values: below zero means more `done`
 * than `add` (a bug, so it throws, like Go's panic); above 2**31 - 1 it
 * would wrap negative, so that throws too. A second cell holds the kind
 * tag that `WaitGroup.from` checks.
 *
 * Python has no WaitGroup: its nearest relatives are `queue.Queue`'s
 * `task_done()` / `join()` (BoundedQueue uses this class for exactly
 * that) and `concurrent.futures.wait`. Timeouts are milliseconds, and
 * `wait` returns false when one passes.
 */
import {
  allocateTagged,
  checkKind,
  deadlineOf,
  waitAsync,
  waitSync,
} from './futex.ts';

/** What crosses threads: two int32 cells (the counter, the kind tag). */
export type WaitGroupShared = Int32Array;

export class WaitGroup {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: WaitGroupShared;

  /** A fresh group with counter 0; or the group stored in `shared`. */
  constructor(shared?: WaitGroupShared) {
    this.shared = shared === undefined
      ? allocateTagged(1, 'WaitGroup')
      : checkKind(shared, 1, 'WaitGroup');
  }

  /** Rebuilds, in another thread, the group whose `shared` was posted. */
  static from(shared: WaitGroupShared): WaitGroup {
    return new WaitGroup(shared);
  }

  /** Outstanding jobs right now (a snapshot). */
  get count(): number {
    return Atomics.load(this.shared, 0);
  }

  /**
   * Adds `n` (which may be negative) to the counter. Going below zero
   * is a bug in the caller, so it throws and changes nothing, like
   * Go's "sync: negative WaitGroup counter" panic.
   */
  add(n: number): void {
    if (!Number.isInteger(n)) {
      throw new RangeError(`WaitGroup.add(): ${n} is not an integer`);
    }
    const cells = this.shared;
    for (;;) {
      const count = Atomics.load(cells, 0);
      const next = count + n;
      if (next < 0) throw new RangeError('WaitGroup: negative counter');
      if (next > 0x7fffffff) throw new RangeError('WaitGroup: overflow');
      if (Atomics.compareExchange(cells, 0, count, next) === count) {
        if (next === 0) Atomics.notify(cells, 0);
        return;
      }
    }
  }

  /** One job finished: `add(-1)`. */
  done(): void {
    this.add(-1);
  }

  /** Sleeps until the counter is zero; false if `timeoutMs` passed. */
  wait(timeoutMs?: number): boolean {
    const cells = this.shared;
    const deadline = deadlineOf(timeoutMs);
    for (;;) {
      const count = Atomics.load(cells, 0);
      if (count === 0) return true;
      if (waitSync(cells, 0, count, deadline) === 'timed-out') {
        return Atomics.load(cells, 0) === 0;
      }
    }
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<boolean> {
    const cells = this.shared;
    const deadline = deadlineOf(timeoutMs);
    for (;;) {
      const count = Atomics.load(cells, 0);
      if (count === 0) return true;
      if ((await waitAsync(cells, 0, count, deadline)) === 'timed-out') {
        return Atomics.load(cells, 0) === 0;
      }
    }
  }
}
