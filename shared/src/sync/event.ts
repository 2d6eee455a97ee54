/**
 * Event: a flag that threads wait on, Python's `threading.Event`.
 *
 * Two int32 cells: the flag (0 or 1) and a generation counter that
 * every `set()` bumps. Waiters sleep on the generation, not on the flag:
 * - A waiter that arrives after `set()` sees the flag and returns at
 *   once.
 * - A waiter that was already asleep wakes because the generation
 *   moved, even if `clear()` lowered the flag again before it got to
 *   run. That is Python's rule too: `set()` releases every thread that
 *   is waiting at that moment. Sleeping on the flag instead would let
 *   a quick set-then-clear strand them.
 * `set()` raises the flag *before* it bumps the generation, and a
 * waiter reads the generation *before* the flag; so if a waiter misses
 * the flag, the bump is still ahead of it and its sleep cannot start
 * on a stale generation. A third cell holds the kind tag that
 * `Event.from` checks.
 *
 * Where it departs from Python on purpose:
 * - `isSet()` keeps Python's name (`is_set`); timeouts are
 *   milliseconds, and a negative one means "do not sleep".
 * - `wait` returns false on timeout, as Python's does.
 */
import {
  allocateTagged,
  checkKind,
  deadlineOf,
  waitAsync,
  waitSync,
} from './futex.ts';

/** What crosses threads: three int32 cells (flag, generation, tag). */
export type EventShared = Int32Array;

const FLAG = 0;
const GENERATION = 1;

export class Event {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: EventShared;

  /** A fresh, cleared event; or the event stored in `shared`. */
  constructor(shared?: EventShared) {
    this.shared = shared === undefined
      ? allocateTagged(2, 'Event')
      : checkKind(shared, 2, 'Event');
  }

  /** Rebuilds, in another thread, the event whose `shared` was posted. */
  static from(shared: EventShared): Event {
    return new Event(shared);
  }

  /** True while the flag is raised. */
  isSet(): boolean {
    return Atomics.load(this.shared, FLAG) === 1;
  }

  /** Raises the flag and wakes every thread waiting right now. */
  set(): void {
    Atomics.store(this.shared, FLAG, 1);
    Atomics.add(this.shared, GENERATION, 1);
    Atomics.notify(this.shared, GENERATION);
  }

  /** Lowers the flag; later `wait` calls sleep until the next `set`. */
  clear(): void {
    Atomics.store(this.shared, FLAG, 0);
  }

  /**
   * Returns true as soon as the flag is set (at once if it already is),
   * or false if `timeoutMs` passes first.
   */
  wait(timeoutMs?: number): boolean {
    const cells = this.shared;
    const generation = Atomics.load(cells, GENERATION);
    if (Atomics.load(cells, FLAG) === 1) return true;
    const deadline = deadlineOf(timeoutMs);
    // We loop because a sleep can end without a `set` (a spurious
    // wake-up); only a moved generation proves that one happened.
    while (Atomics.load(cells, GENERATION) === generation) {
      if (waitSync(cells, GENERATION, generation, deadline) === 'timed-out') {
        return Atomics.load(cells, GENERATION) !== generation;
      }
    }
    return true;
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<boolean> {
    const cells = this.shared;
    const generation = Atomics.load(cells, GENERATION);
    if (Atomics.load(cells, FLAG) === 1) return true;
    const deadline = deadlineOf(timeoutMs);
    while (Atomics.load(cells, GENERATION) === generation) {
      const result = await waitAsync(cells, GENERATION, generation, deadline);
      if (result === 'timed-out') {
        return Atomics.load(cells, GENERATION) !== generation;
      }
    }
    return true;
  }
}
