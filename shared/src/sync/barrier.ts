/**
 * Barrier: `parties` threads meet, and none goes on until all have
 * arrived. Python's `threading.Barrier(parties, action, timeout)`, with
 * the same states and rules as CPython's Lib/threading.py. It is
 * cyclic: once a round is released, the next one can start.
 *
 * How it is built. Seven int32 cells: a Mutex, a sequence cell, the
 * number of threads inside `wait`, the state, the party count, the
 * default timeout and the kind tag. Every change of state happens with
 * the mutex held and bumps the sequence; a thread that must wait reads
 * the sequence, unlocks, and sleeps while the sequence is unchanged
 * (the Condition protocol of condition.ts, inlined), then re-checks.
 *
 * Why each state exists:
 * - FILLING: threads arrive and sleep. The one that makes `parties`
 *   runs the action (if any) while still holding the mutex, so it runs
 *   exactly once per round and before anyone is released, then moves
 *   to DRAINING and wakes everyone.
 * - DRAINING: the released threads are leaving. New arrivals sleep
 *   until the last one has left (which sets FILLING again): without
 *   this, a fast thread could join the next round while a slow one of
 *   this round has not yet seen that it was released.
 * - BROKEN: a waiter's timeout expired, the action threw, or someone
 *   called `abort()`. Every waiter and every later `wait` throws
 *   `BrokenBarrierError`, so no thread waits for a party that will
 *   never come.
 * - RESETTING: `reset()` was called with threads inside. They throw
 *   `BrokenBarrierError` as they leave; the last one out sets FILLING,
 *   and the barrier can be used again. With nobody inside, `reset()`
 *   goes straight to FILLING.
 *
 * Where it departs from Python on purpose:
 * - Timeouts are milliseconds, and the default timeout a whole number
 *   of them. A negative timeout means "do not sleep": a party that is
 *   not the last breaks the barrier at once (Python does the same).
 * - The action is a function, and functions do not cross threads:
 *   every thread attaches with its own copy (`Barrier.from(shared,
 *   action)`), and the last arrival runs *its* copy. A thread that
 *   attached without one runs no action when it arrives last.
 * - `wait` returns the arrival index, 0 .. parties - 1, as Python does;
 *   `waitAsync` is the form for the main thread.
 */
import {
  allocateTagged,
  checkCount,
  checkKind,
  deadlineOf,
  remaining,
  waitAsync,
  waitSync,
} from './futex.ts';
import { Mutex } from './mutex.ts';

/** What crosses threads: seven int32 cells (see the header). */
export type BarrierShared = Int32Array;

const SEQ = 1;
const COUNT = 2;
const STATE = 3;
const PARTIES = 4;
const TIMEOUT = 5;
const LENGTH = 6; // then the kind tag

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;
const NO_TIMEOUT = -1;

/** Python's `threading.BrokenBarrierError`. */
export class BrokenBarrierError extends Error {
  constructor(message = 'the barrier is broken') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

/** What the last arrival runs before releasing the others. */
export type BarrierAction = () => void;

export class Barrier {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: BarrierShared;
  readonly #mutex: Mutex;
  readonly #action: BarrierAction | undefined;

  /**
   * A barrier for `parties` threads (at least 1). The last arrival of
   * each round runs `action`; a `wait` with no timeout of its own uses
   * `timeoutMs`.
   */
  constructor(parties: number, action?: BarrierAction, timeoutMs?: number);
  /** Attaches to the barrier in `shared` (prefer `Barrier.from`). */
  constructor(shared: BarrierShared, action?: BarrierAction);
  constructor(
    init: number | BarrierShared,
    action?: BarrierAction,
    timeoutMs?: number,
  ) {
    if (typeof init === 'number') {
      this.shared = allocateTagged(LENGTH, 'Barrier');
      this.shared[PARTIES] = checkCount(init, 1, 'parties');
      this.shared[TIMEOUT] = timeoutMs === undefined
        ? NO_TIMEOUT
        : checkCount(timeoutMs, 0, 'timeoutMs');
    } else {
      this.shared = checkKind(init, LENGTH, 'Barrier');
    }
    this.#mutex = new Mutex(this.shared.subarray(0, 1));
    this.#action = action;
  }

  /**
   * Rebuilds, in another thread, the barrier whose `shared` was posted,
   * with this thread's copy of the action.
   */
  static from(shared: BarrierShared, action?: BarrierAction): Barrier {
    return new Barrier(shared, action);
  }

  /** How many threads must arrive to release a round. */
  get parties(): number {
    return Atomics.load(this.shared, PARTIES);
  }

  /** The default timeout in ms, or undefined for none. */
  get timeout(): number | undefined {
    const ms = Atomics.load(this.shared, TIMEOUT);
    return ms === NO_TIMEOUT ? undefined : ms;
  }

  /** How many threads are waiting in the current round. */
  get nWaiting(): number {
    const cells = this.shared;
    return Atomics.load(cells, STATE) === FILLING
      ? Atomics.load(cells, COUNT)
      : 0;
  }

  /** True once a timeout, a failed action or `abort()` broke it. */
  get broken(): boolean {
    return Atomics.load(this.shared, STATE) === BROKEN;
  }

  // ── Steps, each run with the mutex held ──────────────────────────
  #state(): number {
    return Atomics.load(this.shared, STATE);
  }

  // Every change of state wakes every sleeper, who re-checks.
  #set(state: number): void {
    Atomics.store(this.shared, STATE, state);
    Atomics.add(this.shared, SEQ, 1);
    Atomics.notify(this.shared, SEQ);
  }

  // Entering: a round that is still draining or resetting must end
  // before we join the next one.
  #mustWaitToEnter(): boolean {
    const state = this.#state();
    return state === DRAINING || state === RESETTING;
  }

  #checkNotBroken(): void {
    if (this.#state() < 0) throw new BrokenBarrierError();
  }

  // The last arrival: run the action, then release the round. If the
  // action throws, the barrier breaks and the error goes to our caller.
  #release(): void {
    try {
      this.#action?.();
      this.#set(DRAINING);
    } catch (error) {
      this.#set(BROKEN);
      throw error;
    }
  }

  // Leaving: the last thread out of a released or reset round opens the
  // barrier for the next one.
  #leave(): void {
    const count = Atomics.sub(this.shared, COUNT, 1) - 1;
    const state = this.#state();
    if (count === 0 && (state === DRAINING || state === RESETTING)) {
      this.#set(FILLING);
    }
  }

  #deadline(timeoutMs: number | undefined): number {
    return deadlineOf(timeoutMs ?? this.timeout);
  }

  // Lets go of the mutex until the sequence moves (or the deadline),
  // then takes it back: a condition wait.
  #sleep(deadline: number): void {
    const seq = Atomics.load(this.shared, SEQ);
    this.#mutex.unlock();
    try {
      waitSync(this.shared, SEQ, seq, deadline);
    } finally {
      this.#mutex.lock();
    }
  }

  async #sleepAsync(deadline: number): Promise<void> {
    const seq = Atomics.load(this.shared, SEQ);
    this.#mutex.unlock();
    try {
      await waitAsync(this.shared, SEQ, seq, deadline);
    } finally {
      await this.#mutex.lockAsync();
    }
  }

  /**
   * Arrives and sleeps until all `parties` threads have arrived.
   * Returns this thread's arrival index, 0 .. parties - 1 (exactly one
   * thread gets each index, so `wait() === 0` picks a leader). If the
   * timeout (this call's, else the barrier's) passes first, the
   * barrier breaks and every waiter throws `BrokenBarrierError`.
   */
  wait(timeoutMs?: number): number {
    const deadline = this.#deadline(timeoutMs);
    this.#mutex.lock();
    try {
      while (this.#mustWaitToEnter()) this.#sleep(Infinity);
      this.#checkNotBroken();
      const index = Atomics.add(this.shared, COUNT, 1);
      try {
        if (index + 1 === this.parties) {
          this.#release();
          return index;
        }
        while (this.#state() === FILLING) {
          if (remaining(deadline) <= 0) this.#set(BROKEN);
          else this.#sleep(deadline);
        }
        this.#checkNotBroken();
        return index;
      } finally {
        this.#leave();
      }
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<number> {
    const deadline = this.#deadline(timeoutMs);
    await this.#mutex.lockAsync();
    try {
      while (this.#mustWaitToEnter()) await this.#sleepAsync(Infinity);
      this.#checkNotBroken();
      const index = Atomics.add(this.shared, COUNT, 1);
      try {
        if (index + 1 === this.parties) {
          this.#release();
          return index;
        }
        while (this.#state() === FILLING) {
          if (remaining(deadline) <= 0) this.#set(BROKEN);
          else await this.#sleepAsync(deadline);
        }
        this.#checkNotBroken();
        return index;
      } finally {
        this.#leave();
      }
    } finally {
      this.#mutex.unlock();
    }
  }

  /**
   * Returns the barrier to its first state. Threads waiting right now
   * throw `BrokenBarrierError`; a broken barrier can be used again.
   */
  reset(): void {
    this.#mutex.withLock(() => this.#reset());
  }

  /** Async form of `reset`, for the main thread. */
  async resetAsync(): Promise<void> {
    await this.#mutex.withLockAsync(() => this.#reset());
  }

  // With the mutex held: nobody inside means a fresh start at once;
  // otherwise those inside leave with BrokenBarrierError, and the last
  // one out sets FILLING (a draining round just finishes draining).
  #reset(): void {
    if (Atomics.load(this.shared, COUNT) === 0) this.#set(FILLING);
    else if (this.#state() !== DRAINING) this.#set(RESETTING);
  }

  /**
   * Breaks the barrier: current waiters and all later `wait` calls
   * throw `BrokenBarrierError` (until `reset()`). Use it to free
   * threads when one party fails and will never arrive.
   */
  abort(): void {
    this.#mutex.withLock(() => this.#set(BROKEN));
  }

  /** Async form of `abort`, for the main thread. */
  async abortAsync(): Promise<void> {
    await this.#mutex.withLockAsync(() => this.#set(BROKEN));
  }
}
