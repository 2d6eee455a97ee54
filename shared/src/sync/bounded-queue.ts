/**
 * BoundedQueue: a blocking FIFO of int32 items with a fixed capacity,
 * shared by any number of producer and consumer threads. Python's
 * `queue.Queue(maxsize)`, plus `close()` (Python 3.13's `shutdown()`).
 *
 * The items live in a ring buffer: `head` is the oldest item and
 * `count` says how many follow it, wrapping at `capacity`. One Mutex
 * guards the ring, and two Conditions on that mutex say when it is
 * worth looking again, as in Python's queue module:
 * - `notEmpty`: a consumer waits here while the ring is empty;
 * - `notFull`: a producer waits here while the ring is full.
 * Each side loops on its predicate (a wake-up is only a hint), and
 * each put or get notifies the other side once.
 *
 * `taskDone()` / `join()` count unfinished work, not stored items:
 * every `put` adds one, every `taskDone` removes one, and `join` waits
 * for zero. That counter is a WaitGroup, so `taskDone` needs no lock.
 *
 * `close()` is how a consumer learns that no more items will come:
 * producers can no longer put, consumers drain what is left, and then
 * `get` returns `undefined` instead of sleeping forever. (The book's
 * producer/consumer demo never ends; this is the fix.)
 *
 * On any one thread, use either the blocking or the async forms: a
 * blocking call cannot wait for an async task of its own thread (see
 * Mutex). On the main thread that means the async forms, `taskDone`
 * (which never blocks) and `closeAsync`.
 *
 * The memory: one SharedArrayBuffer, cut into the mutex, the two
 * conditions' sequence cells, the task counter, the state (head, count,
 * closed, capacity) and the ring; each part ends with the kind tag of
 * the primitive that reads it, so `BoundedQueue.from` refuses parts of
 * anything else.
 *
 * Where it departs from Python on purpose:
 * - Items are int32 numbers, not any object: they live in shared
 *   memory, which holds numbers only. Pass an index into your own
 *   shared data (or use a MessagePort) for anything bigger.
 * - `get` returns `undefined` and `put` returns false where Python
 *   raises `Empty` / `Full` (on timeout, and for `tryGet` / `tryPut`,
 *   Python's `get_nowait` / `put_nowait`); `put` on a closed queue
 *   throws `QueueClosedError` (Python 3.13's `ShutDown`).
 * - Timeouts are milliseconds; a negative one means "do not sleep".
 * - The capacity is at least 1: Python's `maxsize=0` (unbounded) has
 *   no counterpart, because the ring is allocated up front.
 * - `size` is `qsize()`; there is no `empty()` / `full()` (both are
 *   stale by the time you act on them; compare `size` if you must).
 */
import { Condition, type ConditionShared } from './condition.ts';
import {
  allocate,
  checkCount,
  checkKind,
  checkShared,
  deadlineOf,
  KINDS,
  remaining,
} from './futex.ts';
import { Mutex } from './mutex.ts';
import { WaitGroup, type WaitGroupShared } from './wait-group.ts';

/** What crosses threads: the parts, each a view of shared memory. */
export interface BoundedQueueShared {
  readonly notEmpty: ConditionShared;
  readonly notFull: ConditionShared;
  readonly tasks: WaitGroupShared;
  readonly state: Int32Array;
  readonly items: Int32Array;
}

// Cells of `state` (a fifth cell holds the queue's kind tag).
const HEAD = 0;
const COUNT = 1;
const CLOSED = 2;
const CAPACITY = 3;
const STATE_LENGTH = 4;

// Each part of a fresh queue, as [offset, length, tag] in its buffer:
// every part ends with the tag of the primitive that reads it.
const PARTS = {
  mutex: [0, 2, KINDS.Mutex],
  notEmpty: [2, 2, KINDS.Condition],
  notFull: [4, 2, KINDS.Condition],
  tasks: [6, 2, KINDS.WaitGroup],
  state: [8, STATE_LENGTH + 1, KINDS.BoundedQueue],
} as const;
const ITEMS = 8 + STATE_LENGTH + 1;

/** Thrown by `put` once the queue is closed (Python's `ShutDown`). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

function checkItem(item: number): number {
  if (!Number.isInteger(item) || item < -0x80000000 || item > 0x7fffffff) {
    throw new RangeError(`queue items are int32 values, got ${item}`);
  }
  return item;
}

export class BoundedQueue {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: BoundedQueueShared;
  readonly #mutex: Mutex;
  readonly #notEmpty: Condition;
  readonly #notFull: Condition;
  readonly #tasks: WaitGroup;
  readonly #state: Int32Array;
  readonly #items: Int32Array;
  readonly #capacity: number;

  /** An empty queue that holds at most `capacity` items. */
  constructor(capacity: number);
  /** Attaches to the queue in `shared` (prefer `BoundedQueue.from`). */
  constructor(shared: BoundedQueueShared);
  constructor(init: number | BoundedQueueShared) {
    if (typeof init === 'number') {
      const capacity = checkCount(init, 1, 'capacity');
      // One buffer for everything: mutex, two sequences, task counter,
      // state, then the ring. Each part gets its own view.
      const cells = allocate(ITEMS + capacity);
      const part = (name: keyof typeof PARTS): Int32Array => {
        const [offset, length, tag] = PARTS[name];
        cells[offset + length - 1] = tag;
        return cells.subarray(offset, offset + length);
      };
      const mutex = part('mutex');
      this.shared = {
        notEmpty: { mutex, seq: part('notEmpty') },
        notFull: { mutex, seq: part('notFull') },
        tasks: part('tasks'),
        state: part('state'),
        items: cells.subarray(ITEMS),
      };
      this.shared.state[CAPACITY] = capacity;
    } else {
      const state = checkKind(init.state, STATE_LENGTH, 'BoundedQueue');
      const capacity = Atomics.load(state, CAPACITY);
      this.shared = {
        notEmpty: init.notEmpty,
        notFull: init.notFull,
        tasks: init.tasks,
        state,
        items: checkShared(init.items, capacity, 'queue items'),
      };
    }
    // Both conditions name the same mutex cell, so locking through one
    // locks for the other too.
    this.#notEmpty = Condition.from(this.shared.notEmpty);
    this.#notFull = Condition.from(this.shared.notFull);
    this.#mutex = Mutex.from(this.shared.notEmpty.mutex);
    this.#tasks = WaitGroup.from(this.shared.tasks);
    this.#state = this.shared.state;
    this.#items = this.shared.items;
    this.#capacity = Atomics.load(this.#state, CAPACITY);
  }

  /** Rebuilds, in another thread, the queue whose `shared` was posted. */
  static from(shared: BoundedQueueShared): BoundedQueue {
    return new BoundedQueue(shared);
  }

  /** The most items the queue holds at once. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Items stored right now (a snapshot, like Python's `qsize()`). */
  get size(): number {
    return Atomics.load(this.#state, COUNT);
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return Atomics.load(this.#state, CLOSED) === 1;
  }

  // The predicates, read with the mutex held.
  #isClosed(): boolean {
    return Atomics.load(this.#state, CLOSED) === 1;
  }

  #hasRoom(): boolean {
    return Atomics.load(this.#state, COUNT) < this.#capacity;
  }

  #hasItem(): boolean {
    return Atomics.load(this.#state, COUNT) > 0;
  }

  // Mutex held, room checked, queue open: store the item and tell one
  // consumer. The task count goes up before the item is visible, so a
  // fast consumer's taskDone can never run ahead of it.
  #push(item: number): void {
    const state = this.#state;
    const head = Atomics.load(state, HEAD);
    const count = Atomics.load(state, COUNT);
    this.#tasks.add(1);
    Atomics.store(this.#items, (head + count) % this.#capacity, item);
    Atomics.store(state, COUNT, count + 1);
    this.#notEmpty.notify();
  }

  // Mutex held, an item is there: take the oldest and tell one producer.
  #shift(): number {
    const state = this.#state;
    const head = Atomics.load(state, HEAD);
    const item = Atomics.load(this.#items, head);
    Atomics.store(state, HEAD, (head + 1) % this.#capacity);
    Atomics.sub(state, COUNT, 1);
    this.#notFull.notify();
    return item;
  }

  /**
   * Adds `item`, sleeping while the queue is full. Returns false if
   * `timeoutMs` passed first; throws `QueueClosedError` once closed.
   * (The timeout bounds the wait for room; the mutex itself is only
   * ever held for a few instructions, so we take it without one.)
   */
  put(item: number, timeoutMs?: number): boolean {
    checkItem(item);
    const deadline = deadlineOf(timeoutMs);
    this.#mutex.lock();
    try {
      const ready = this.#notFull.waitFor(
        () => this.#isClosed() || this.#hasRoom(),
        remaining(deadline),
      );
      if (this.#isClosed()) throw new QueueClosedError();
      if (!ready) return false;
      this.#push(item);
      return true;
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Async form of `put`, for the main thread. */
  async putAsync(item: number, timeoutMs?: number): Promise<boolean> {
    checkItem(item);
    const deadline = deadlineOf(timeoutMs);
    await this.#mutex.lockAsync();
    try {
      const ready = await this.#notFull.waitForAsync(
        () => this.#isClosed() || this.#hasRoom(),
        remaining(deadline),
      );
      if (this.#isClosed()) throw new QueueClosedError();
      if (!ready) return false;
      this.#push(item);
      return true;
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Adds `item` if there is room right now; false if the queue is full. */
  tryPut(item: number): boolean {
    return this.put(item, 0);
  }

  /**
   * Takes the oldest item, sleeping while the queue is empty. Returns
   * `undefined` when there is no item to give: the queue is closed and
   * drained, or `timeoutMs` passed (`closed` tells which).
   */
  get(timeoutMs?: number): number | undefined {
    const deadline = deadlineOf(timeoutMs);
    this.#mutex.lock();
    try {
      this.#notEmpty.waitFor(
        () => this.#isClosed() || this.#hasItem(),
        remaining(deadline),
      );
      return this.#hasItem() ? this.#shift() : undefined;
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Async form of `get`, for the main thread. */
  async getAsync(timeoutMs?: number): Promise<number | undefined> {
    const deadline = deadlineOf(timeoutMs);
    await this.#mutex.lockAsync();
    try {
      await this.#notEmpty.waitForAsync(
        () => this.#isClosed() || this.#hasItem(),
        remaining(deadline),
      );
      return this.#hasItem() ? this.#shift() : undefined;
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Takes the oldest item if there is one right now. */
  tryGet(): number | undefined {
    return this.get(0);
  }

  /**
   * Marks one item taken by `get` as fully processed. Throws if called
   * more often than items were put (Python's ValueError).
   */
  taskDone(): void {
    try {
      this.#tasks.done();
    } catch {
      throw new Error('BoundedQueue.taskDone() called too many times');
    }
  }

  /**
   * Sleeps until every item ever put has had its `taskDone()`. Returns
   * false if `timeoutMs` passed first.
   */
  join(timeoutMs?: number): boolean {
    return this.#tasks.wait(timeoutMs);
  }

  /** Async form of `join`, for the main thread. */
  joinAsync(timeoutMs?: number): Promise<boolean> {
    return this.#tasks.waitAsync(timeoutMs);
  }

  // Mutex held: mark closed and wake every sleeper on both sides, so
  // each re-checks its predicate and sees the flag.
  #close(): void {
    Atomics.store(this.#state, CLOSED, 1);
    this.#notEmpty.notifyAll();
    this.#notFull.notifyAll();
  }

  /**
   * Closes the queue: `put` throws from now on, and `get` returns
   * `undefined` once the remaining items are gone. Idempotent.
   */
  close(): void {
    this.#mutex.withLock(() => this.#close());
  }

  /** Async form of `close`, for the main thread. */
  async closeAsync(): Promise<void> {
    await this.#mutex.withLockAsync(() => this.#close());
  }
}
