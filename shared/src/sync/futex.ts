/**
 * Shared plumbing for the primitives in this folder: deadlines, one
 * blocking and one async "futex wait", shared-memory allocation and the
 * scoped `Guard` that `using` releases.
 *
 * A futex ("fast user-space mutex") is just an int32 cell in shared
 * memory. `Atomics.wait(cells, i, expected)` sleeps only if the cell
 * still holds `expected` at the moment the thread goes to sleep, and
 * `Atomics.notify(cells, i, n)` wakes up to `n` sleepers. Everything
 * else (locks, conditions, barriers) is a protocol on such cells.
 *
 * Two rules hold in every file here:
 * - A wake-up is not the condition. `notify` wakes sleepers with "ok"
 *   whether or not the state they wait for came true (mdn/content#37742),
 *   so every wait sits in a loop that re-checks its predicate.
 * - A timed wait keeps one absolute deadline, so a spurious wake-up
 *   never restarts the clock.
 *
 * Conventions every primitive shares, and where they depart from
 * Python's threading module (each file lists its own as well):
 * - Timeouts are milliseconds (Python: seconds). `undefined` waits
 *   forever; a negative timeout means "do not sleep, try once" (Python's
 *   Lock waits forever for -1); NaN is refused rather than hanging.
 * - Memory: each primitive allocates its cells plus one kind tag (see
 *   KINDS below), so `X.from(shared)` refuses another kind's cells.
 * - Counts live in int32 cells: a count that would pass 2**31 - 1 throws
 *   instead of wrapping negative.
 */
import { performance } from 'node:perf_hooks';

/** What a futex wait reports, as `Atomics.wait` spells it. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

// The project's lib is es2023, which does not declare `waitAsync` yet
// (it arrived in lib es2024, see microsoft/TypeScript#49198), so we
// describe the one overload we use ourselves.
type WaitAsyncReturn =
  | { async: false; value: 'not-equal' | 'timed-out' }
  | { async: true; value: Promise<'ok' | 'timed-out'> };

interface AtomicsWithWaitAsync {
  waitAsync(
    cells: Int32Array,
    index: number,
    expected: number,
    timeoutMs?: number,
  ): WaitAsyncReturn;
}

const atomicsAsync = Atomics as unknown as AtomicsWithWaitAsync;

/**
 * Turns an optional relative timeout into an absolute deadline on the
 * monotonic clock. No timeout means "wait forever" (Infinity). A
 * negative timeout counts as zero: try once, do not sleep.
 */
export function deadlineOf(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return Infinity;
  if (Number.isNaN(timeoutMs)) {
    // `Atomics.wait` reads NaN as "forever"; we refuse it instead of
    // silently turning a bug into a hang.
    throw new RangeError('timeoutMs must be a number, not NaN');
  }
  return performance.now() + Math.max(0, timeoutMs);
}

/** Milliseconds left until `deadline` (never negative). */
export function remaining(deadline: number): number {
  if (deadline === Infinity) return Infinity;
  return Math.max(0, deadline - performance.now());
}

/**
 * Sleeps while `cells[index] === expected`, until woken or `deadline`.
 * Blocks the calling thread: fine in a worker, and allowed (but
 * freezing the event loop) on Node's main thread.
 */
export function waitSync(
  cells: Int32Array,
  index: number,
  expected: number,
  deadline: number,
): WaitResult {
  const left = remaining(deadline);
  if (left <= 0) return 'timed-out';
  return Atomics.wait(cells, index, expected, left);
}

// How often the keep-alive timer below fires; it only has to exist.
const KEEP_ALIVE_MS = 2 ** 30;

/**
 * The same wait without blocking: `Atomics.waitAsync` hands back a
 * promise, so the main thread's event loop keeps running meanwhile.
 */
export async function waitAsync(
  cells: Int32Array,
  index: number,
  expected: number,
  deadline: number,
): Promise<WaitResult> {
  const left = remaining(deadline);
  if (left <= 0) return 'timed-out';
  const result = atomicsAsync.waitAsync(cells, index, expected, left);
  if (!result.async) return result.value;
  // A pending waitAsync holds no libuv handle, so by itself it does not
  // keep the thread alive: a worker whose only work is this wait just
  // exits (code 13, "unsettled top-level await"). A timer holds the
  // event loop open until the wait settles, as a blocking wait would.
  const keepAlive = setInterval(() => undefined, KEEP_ALIVE_MS);
  try {
    return await result.value;
  } finally {
    clearInterval(keepAlive);
  }
}

/** A fresh, zero-filled Int32Array over its own SharedArrayBuffer. */
export function allocate(length: number): Int32Array {
  const bytes = length * Int32Array.BYTES_PER_ELEMENT;
  return new Int32Array(new SharedArrayBuffer(bytes));
}

/**
 * Checks that a value received from another thread really is shared
 * int32 memory of the right size. A plain ArrayBuffer would be copied
 * by postMessage, and a lock on a copy protects nothing.
 */
export function checkShared(
  value: unknown,
  length: number,
  what: string,
): Int32Array {
  if (
    !(value instanceof Int32Array) ||
    !(value.buffer instanceof SharedArrayBuffer)
  ) {
    throw new TypeError(
      `${what}: expected an Int32Array over a SharedArrayBuffer`,
    );
  }
  if (value.length < length) {
    throw new RangeError(
      `${what}: expected at least ${length} int32 cells, ` +
        `got ${value.length}`,
    );
  }
  return value;
}

// ── Kind tags ──────────────────────────────────────────────────────
// Every primitive's own memory ends with one extra cell that names its
// kind, so `Semaphore.from(barrier.shared)` is refused instead of
// reading a barrier's cells as permits. The tags are four ASCII letters
// read as an int32: no count a primitive stores comes near them.
export const KINDS = {
  Mutex: 0x4d555458, // "MUTX"
  RLock: 0x524c434b, // "RLCK"
  Semaphore: 0x53454d41, // "SEMA"
  Condition: 0x434f4e44, // "COND"
  Event: 0x45564e54, // "EVNT"
  Barrier: 0x42415252, // "BARR"
  WaitGroup: 0x57475250, // "WGRP"
  BoundedQueue: 0x51554555, // "QUEU"
} as const;

export type Kind = keyof typeof KINDS;

/** `length` cells for a primitive of `kind`, plus its tag cell. */
export function allocateTagged(length: number, kind: Kind): Int32Array {
  const cells = allocate(length + 1);
  cells[length] = KINDS[kind];
  return cells;
}

/** The kind whose tag ends `cells`, if any. */
export function kindOf(cells: Int32Array): Kind | undefined {
  const tag = cells[cells.length - 1];
  return (Object.keys(KINDS) as Kind[]).find((k) => KINDS[k] === tag);
}

/**
 * Checks that `value` is shared memory made by a primitive of `kind`:
 * `length` cells and the tag. What a thread receives is only an
 * Int32Array, so this is how `X.from` knows what it was given.
 */
export function checkKind(
  value: unknown,
  length: number,
  kind: Kind,
): Int32Array {
  const cells = checkShared(value, 1, kind);
  const found = kindOf(cells);
  if (cells.length !== length + 1 || found !== kind) {
    const what = found === undefined ? 'untagged cells' : `a ${found}`;
    throw new TypeError(
      `${kind}.from(): these cells hold ${what}, not a ${kind}`,
    );
  }
  return cells;
}

/** The largest count an int32 cell holds; one more wraps negative. */
export const MAX_CELL = 0x7fffffff;

/** Checks that `n` is a whole number in [min, 2**31 - 1]. */
export function checkCount(n: number, min: number, what: string): number {
  if (!Number.isInteger(n) || n < min || n > MAX_CELL) {
    throw new RangeError(`${what} must be an integer >= ${min}, got ${n}`);
  }
  return n;
}

/**
 * Thrown by the scoped forms (`acquire()`, `hold()`) when a timeout
 * expires: a `using` declaration has no way to receive `false`.
 */
export class TimeoutError extends Error {
  constructor(message = 'timed out') {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * What a scoped acquisition returns. `using guard = mutex.acquire()`
 * calls `[Symbol.dispose]()` when the block exits, normally or by an
 * exception. Releasing twice is harmless: only the first call counts,
 * so an explicit `release()` inside the block does not double-unlock.
 */
export class Guard implements Disposable {
  #release: (() => void) | undefined;

  constructor(release: () => void) {
    this.#release = release;
  }

  /** Releases what was acquired (once). */
  release(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

// ── Scoped acquisition, shared by Mutex, RLock and Semaphore ────────
// Each primitive offers the same three scoped shapes; these helpers hold
// the try/finally once, so the primitives differ only in what they take
// and give back.

/** Runs `fn` between `take()` and `give()`; gives back even on a throw. */
export function holding<T>(
  take: () => unknown,
  give: () => void,
  fn: () => T,
): T {
  take();
  try {
    return fn();
  } finally {
    give();
  }
}

/** The async twin of `holding`: `take` waits without blocking. */
export async function holdingAsync<T>(
  take: () => Promise<unknown>,
  give: () => void,
  fn: () => T | Promise<T>,
): Promise<T> {
  await take();
  try {
    return await fn();
  } finally {
    give();
  }
}

/** A Guard for what was taken, or a TimeoutError naming `what`. */
export function guarded(taken: boolean, give: () => void, what: string): Guard {
  if (!taken) throw new TimeoutError(`${what} timed out`);
  return new Guard(give);
}
