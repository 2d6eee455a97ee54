/**
 * Semaphore: a counter of permits, Python's `threading.Semaphore`, and
 * with a bound, `threading.BoundedSemaphore`.
 *
 * Three int32 cells: the number of free permits, the number of threads
 * that may be asleep waiting for one, and the bound (-1 = none).
 * - Acquiring takes a permit with a compare-and-swap `v -> v - 1`, and
 *   only when `v > 0`; with no permit left we sleep on the permit cell
 *   while it reads 0.
 * - Releasing adds permits, then wakes sleepers only if the waiter
 *   count says there may be some. Sleepers count themselves *before*
 *   their last check, and releasers add *before* they read the count;
 *   with sequentially consistent atomics one of the two sees the
 *   other, so a release never slips past a thread on its way to sleep.
 * A woken thread may still lose the permit to a thread that was not
 * asleep at all (no fairness), so it loops and sleeps again.
 *
 * Why each cell exists: the permits are the state itself; the waiter
 * count lets a release skip the system call when nobody sleeps; the
 * bound makes BoundedSemaphore one class; a fourth cell holds the kind
 * tag that `Semaphore.from` checks. The permit count stops at 2**31 - 1:
 * a release past it throws, because the cell would wrap negative and
 * every later acquire would sleep forever.
 *
 * Where it departs from Python on purpose:
 * - Timeouts are milliseconds; a negative one means "try once", as it
 *   does in Python here. `tryAcquire()` is `blocking=False`.
 * - `acquire` returns false on timeout, as Python's does; `hold()` is
 *   the scoped form for `using` (Python's `with sem:`).
 * - Counts are int32: at most 2**31 - 1 permits (Python's are unbounded).
 * - Wake-ups are not first come, first served (nor are Python's).
 */
import {
  allocateTagged,
  checkCount,
  checkKind,
  deadlineOf,
  guarded,
  holding,
  holdingAsync,
  MAX_CELL,
  type Guard,
  waitAsync,
  waitSync,
} from './futex.ts';

/** What crosses threads: four int32 cells (permits, waiters, bound, tag). */
export type SemaphoreShared = Int32Array;

const PERMITS = 0;
const WAITERS = 1;
const BOUND = 2;
const UNBOUNDED = -1;

export class Semaphore {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: SemaphoreShared;

  /**
   * `new Semaphore(3)` starts with three permits. With `bound`, a
   * release that would exceed it throws (Python's BoundedSemaphore).
   */
  constructor(value?: number, bound?: number);
  /** Attaches to the semaphore in `shared` (prefer `Semaphore.from`). */
  constructor(shared: SemaphoreShared);
  constructor(init: number | SemaphoreShared = 1, bound?: number) {
    if (typeof init !== 'number') {
      this.shared = checkKind(init, 3, 'Semaphore');
      return;
    }
    const value = checkCount(init, 0, 'Semaphore value');
    if (bound !== undefined && checkCount(bound, 0, 'bound') < value) {
      throw new RangeError(`bound ${bound} is below the value ${value}`);
    }
    this.shared = allocateTagged(3, 'Semaphore');
    this.shared[PERMITS] = value;
    this.shared[BOUND] = bound ?? UNBOUNDED;
  }

  /** Rebuilds, in another thread, the semaphore whose `shared` was posted. */
  static from(shared: SemaphoreShared): Semaphore {
    return new Semaphore(shared);
  }

  /** Free permits right now (a snapshot). */
  get value(): number {
    return Atomics.load(this.shared, PERMITS);
  }

  /** The bound, or undefined for an unbounded semaphore. */
  get bound(): number | undefined {
    const bound = Atomics.load(this.shared, BOUND);
    return bound === UNBOUNDED ? undefined : bound;
  }

  /** Takes a permit if one is free right now; never waits. */
  tryAcquire(): boolean {
    const cells = this.shared;
    for (;;) {
      const value = Atomics.load(cells, PERMITS);
      if (value <= 0) return false;
      // Another thread may have taken a permit since our load; then the
      // swap fails and we look again.
      const seen = Atomics.compareExchange(cells, PERMITS, value, value - 1);
      if (seen === value) return true;
    }
  }

  /**
   * Takes a permit, sleeping while none is free. Returns true, or
   * false if `timeoutMs` passed first.
   */
  acquire(timeoutMs?: number): boolean {
    if (this.tryAcquire()) return true;
    const cells = this.shared;
    const deadline = deadlineOf(timeoutMs);
    Atomics.add(cells, WAITERS, 1);
    try {
      for (;;) {
        if (this.tryAcquire()) return true;
        if (waitSync(cells, PERMITS, 0, deadline) === 'timed-out') {
          return this.tryAcquire();
        }
      }
    } finally {
      Atomics.sub(cells, WAITERS, 1);
    }
  }

  /** Async form of `acquire`, for the main thread. */
  async acquireAsync(timeoutMs?: number): Promise<boolean> {
    if (this.tryAcquire()) return true;
    const cells = this.shared;
    const deadline = deadlineOf(timeoutMs);
    Atomics.add(cells, WAITERS, 1);
    try {
      for (;;) {
        if (this.tryAcquire()) return true;
        const result = await waitAsync(cells, PERMITS, 0, deadline);
        if (result === 'timed-out') return this.tryAcquire();
      }
    } finally {
      Atomics.sub(cells, WAITERS, 1);
    }
  }

  /**
   * Returns `n` permits. Beyond the bound it throws and changes
   * nothing, like Python's "Semaphore released too many times".
   */
  release(n = 1): void {
    checkCount(n, 1, 'release count');
    const cells = this.shared;
    const bound = Atomics.load(cells, BOUND);
    for (;;) {
      const value = Atomics.load(cells, PERMITS);
      if (bound !== UNBOUNDED && value + n > bound) {
        throw new RangeError(
          `Semaphore released too many times (bound ${bound})`,
        );
      }
      // Past 2**31 - 1 the cell would wrap negative and every acquire
      // would then sleep forever: refuse, as WaitGroup.add does.
      if (value > MAX_CELL - n) {
        throw new RangeError(
          `Semaphore released past ${MAX_CELL} permits`);
      }
      const seen = Atomics.compareExchange(cells, PERMITS, value, value + n);
      if (seen === value) break;
    }
    if (Atomics.load(cells, WAITERS) > 0) Atomics.notify(cells, PERMITS, n);
  }

  /** Scoped form: `using permit = sem.hold();` releases one permit. */
  hold(timeoutMs?: number): Guard {
    return guarded(this.acquire(timeoutMs), () => this.release(),
      'Semaphore.hold()');
  }

  /** `using permit = await sem.holdAsync();` */
  async holdAsync(timeoutMs?: number): Promise<Guard> {
    return guarded(await this.acquireAsync(timeoutMs), () => this.release(),
      'Semaphore.holdAsync()');
  }

  /** Runs `fn` while holding one permit, and always releases it. */
  withPermit<T>(fn: () => T): T {
    return holding(() => this.acquire(), () => this.release(), fn);
  }

  /** Async form of `withPermit`. */
  withPermitAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    return holdingAsync(() => this.acquireAsync(), () => this.release(), fn);
  }
}

/**
 * Python's `threading.BoundedSemaphore(value)`: the bound is the
 * starting value, so releasing more than was acquired throws.
 */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1) {
    super(value, value);
  }
}
