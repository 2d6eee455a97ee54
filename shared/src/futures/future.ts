/**
 * A Future with Python's `concurrent.futures.Future` lifecycle.
 *
 * How it is built: a future is a small state machine, PENDING → RUNNING
 * → FINISHED, or PENDING → CANCELLED, plus one JavaScript promise that
 * settles when the state becomes final. The executor moves the state
 * (`setRunningOrNotifyCancel`, `setResult`, `setException`); users only
 * read it and may `cancel()` a future that has not started yet.
 *
 * What differs from Python, and why:
 * - `result(timeout)` and `exception(timeout)` return promises: the main
 *   thread must never block, so "wait up to timeout" is an awaited
 *   promise that rejects with `TimeoutError`, not a blocking call.
 * - timeouts are in milliseconds (as `setTimeout`), not seconds.
 * - `exception()` resolves to `undefined` where Python returns `None`.
 */

export type FutureState = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'FINISHED';

/** `result()`/`exception()` of a cancelled future rejects with this. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the future was cancelled') {
    super(message);
  }
}

/** `result(timeout)` when the future is not done in time. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(message = 'the future did not finish in time') {
    super(message);
  }
}

type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: unknown };

export class Future<T> {
  #state: FutureState = 'PENDING';
  #outcome: Outcome<T> | undefined;
  #callbacks: ((future: Future<T>) => void)[] = [];
  #settled: Promise<void>;
  #settle!: () => void;

  constructor() {
    this.#settled = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** The state, as Python's `repr` shows it. */
  get state(): FutureState {
    return this.#state;
  }

  running(): boolean {
    return this.#state === 'RUNNING';
  }

  cancelled(): boolean {
    return this.#state === 'CANCELLED';
  }

  done(): boolean {
    return this.#state === 'CANCELLED' || this.#state === 'FINISHED';
  }

  /** Finished with an error (no waiting; false while not done). */
  failed(): boolean {
    return this.#outcome !== undefined && !this.#outcome.ok;
  }

  /**
   * Cancels the future if it has not started: true when it is (or was
   * already) cancelled, false when it is running or finished.
   */
  cancel(): boolean {
    if (this.#state === 'RUNNING' || this.#state === 'FINISHED') {
      return false;
    }
    if (this.#state === 'PENDING') {
      this.#state = 'CANCELLED';
      this.#finish();
    }
    return true;
  }

  /**
   * Waits up to `timeout` ms (forever when undefined) and resolves with
   * the value; rejects with the task's error, `CancelledError` or
   * `TimeoutError`. `result(0)` only looks: it never waits.
   */
  async result(timeout?: number): Promise<T> {
    const outcome = await this.#wait(timeout);
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** The task's error, or undefined if it returned; same timeouts. */
  async exception(timeout?: number): Promise<unknown> {
    const outcome = await this.#wait(timeout);
    return outcome.ok ? undefined : outcome.error;
  }

  /**
   * Calls `fn(future)` once the future is done (at once if it is). A
   * throwing callback is reported, as Python logs it, and the other
   * callbacks still run.
   */
  addDoneCallback(fn: (future: Future<T>) => void): void {
    if (this.done()) this.#call(fn);
    else this.#callbacks.push(fn);
  }

  // ── Executor side ────────────────────────────────────────────────
  /**
   * PENDING → RUNNING. Returns false when the future was cancelled, so
   * the executor must not run it (Python's method of the same name).
   */
  setRunningOrNotifyCancel(): boolean {
    if (this.#state === 'CANCELLED') return false;
    if (this.#state !== 'PENDING') {
      throw new Error(`future is ${this.#state}, not PENDING`);
    }
    this.#state = 'RUNNING';
    return true;
  }

  setResult(value: T): void {
    this.#complete({ ok: true, value });
  }

  setException(error: unknown): void {
    this.#complete({ ok: false, error });
  }

  #complete(outcome: Outcome<T>): void {
    if (this.done()) throw new Error(`future is already ${this.#state}`);
    this.#outcome = outcome;
    this.#state = 'FINISHED';
    this.#finish();
  }

  #finish(): void {
    this.#settle();
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) this.#call(fn);
  }

  #call(fn: (future: Future<T>) => void): void {
    try {
      fn(this);
    } catch (error) {
      console.error('exception calling callback for future:', error);
    }
  }

  async #wait(timeout: number | undefined): Promise<Outcome<T>> {
    if (!this.done()) {
      if (timeout !== undefined && timeout <= 0) throw new TimeoutError();
      if (timeout === undefined) {
        await this.#settled;
      } else {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), timeout);
        });
        const won = await Promise.race([this.#settled, late]);
        clearTimeout(timer);
        if (won === 'late') throw new TimeoutError();
      }
    }
    if (this.#state === 'CANCELLED') throw new CancelledError();
    return this.#outcome!;
  }
}
