/**
 * Barrier: `parties` threads meet, and none goes on until all have
 * arrived. Python's `threading.Barrier`. It is cyclic: once a round
 * (a "generation") is released, the next round starts at once.
 *
 * Six int32 cells: a Mutex, the number arrived in this generation, the
 * generation number, the party count, a "broken" flag and the
 * generation in which the barrier broke.
 * - An arriving thread takes the mutex, notes the generation and takes
 *   the next arrival index. Doing both under one lock matters: it ties
 *   the index to the right generation even when more threads than
 *   `parties` use the barrier.
 * - The last arrival resets the count, bumps the generation and wakes
 *   everyone. The others sleep on the generation cell until it moves.
 * - A waiter whose timeout expires, or a call to `abort()`, *breaks*
 *   the barrier: the generation moves too (so sleepers wake), the
 *   sleepers of that generation throw `BrokenBarrierError`, and so does
 *   every later `wait`. Python resets a broken barrier with `reset()`;
 *   we leave that out and keep "broken" permanent, because telling a
 *   broken round from a finished one is then one comparison.
 */
import {
  allocate,
  checkCount,
  checkShared,
  deadlineOf,
  waitAsync,
  waitSync,
} from './futex.ts';
import { Mutex } from './mutex.ts';

/** What crosses threads: six int32 cells (see the header). */
export type BarrierShared = Int32Array;

const ARRIVED = 1;
const GENERATION = 2;
const PARTIES = 3;
const BROKEN = 4;
const BROKEN_IN = 5;
const LENGTH = 6;

/** Python's `threading.BrokenBarrierError`. */
export class BrokenBarrierError extends Error {
  constructor(message = 'the barrier is broken') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

// What a thread knows after it has arrived: its index, and which
// generation it must see end.
interface Arrival {
  index: number;
  generation: number;
  last: boolean;
}

export class Barrier {
  /** Post this to a worker (or put it in workerData); see `from`. */
  readonly shared: BarrierShared;
  readonly #mutex: Mutex;

  /** A barrier for `parties` threads (at least 1). */
  constructor(parties: number);
  /** Attaches to the barrier in `shared` (prefer `Barrier.from`). */
  constructor(shared: BarrierShared);
  constructor(init: number | BarrierShared) {
    if (typeof init === 'number') {
      this.shared = allocate(LENGTH);
      this.shared[PARTIES] = checkCount(init, 1, 'parties');
    } else {
      this.shared = checkShared(init, LENGTH, 'Barrier');
    }
    this.#mutex = new Mutex(this.shared.subarray(0, 1));
  }

  /** Rebuilds, in another thread, the barrier whose `shared` was posted. */
  static from(shared: BarrierShared): Barrier {
    return new Barrier(shared);
  }

  /** How many threads must arrive to release a generation. */
  get parties(): number {
    return Atomics.load(this.shared, PARTIES);
  }

  /** How many threads are waiting in the current generation. */
  get nWaiting(): number {
    return Atomics.load(this.shared, ARRIVED);
  }

  /** True once a timeout or `abort()` has broken the barrier. */
  get broken(): boolean {
    return Atomics.load(this.shared, BROKEN) === 1;
  }

  // Runs with the mutex held. The last arrival releases the generation.
  #arrive(): Arrival {
    const cells = this.shared;
    if (Atomics.load(cells, BROKEN) === 1) throw new BrokenBarrierError();
    const generation = Atomics.load(cells, GENERATION);
    const index = Atomics.add(cells, ARRIVED, 1);
    const last = index === Atomics.load(cells, PARTIES) - 1;
    if (last) {
      Atomics.store(cells, ARRIVED, 0);
      Atomics.add(cells, GENERATION, 1);
      Atomics.notify(cells, GENERATION);
    }
    return { index, generation, last };
  }

  // Runs with the mutex held, after our own wait timed out. If our
  // generation is still open we break it; if it was released just now
  // we were late, not stuck, and we pass.
  #timedOut(arrival: Arrival): void {
    if (Atomics.load(this.shared, GENERATION) === arrival.generation) {
      this.#break();
    }
  }

  // Runs with the mutex held.
  #break(): void {
    const cells = this.shared;
    if (Atomics.load(cells, BROKEN) === 1) return;
    Atomics.store(cells, BROKEN_IN, Atomics.load(cells, GENERATION));
    Atomics.store(cells, BROKEN, 1);
    Atomics.store(cells, ARRIVED, 0);
    Atomics.add(cells, GENERATION, 1);
    Atomics.notify(cells, GENERATION);
  }

  // After the generation moved: released normally, or broken?
  #outcome(arrival: Arrival): number {
    const cells = this.shared;
    const broken =
      Atomics.load(cells, BROKEN) === 1 &&
      Atomics.load(cells, BROKEN_IN) === arrival.generation;
    if (broken) throw new BrokenBarrierError();
    return arrival.index;
  }

  /**
   * Arrives and sleeps until all `parties` threads have arrived.
   * Returns this thread's arrival index, 0 .. parties - 1 (exactly one
   * thread gets each index, so `wait() === 0` picks a leader). If
   * `timeoutMs` passes first, the barrier breaks and every waiter
   * throws `BrokenBarrierError`.
   */
  wait(timeoutMs?: number): number {
    const deadline = deadlineOf(timeoutMs);
    const cells = this.shared;
    const arrival = this.#mutex.withLock(() => this.#arrive());
    if (arrival.last) return arrival.index;
    while (Atomics.load(cells, GENERATION) === arrival.generation) {
      const result = waitSync(cells, GENERATION, arrival.generation, deadline);
      if (result === 'timed-out') {
        this.#mutex.withLock(() => this.#timedOut(arrival));
      }
    }
    return this.#outcome(arrival);
  }

  /** Async form of `wait`, for the main thread. */
  async waitAsync(timeoutMs?: number): Promise<number> {
    const deadline = deadlineOf(timeoutMs);
    const cells = this.shared;
    const arrival = await this.#mutex.withLockAsync(() => this.#arrive());
    if (arrival.last) return arrival.index;
    while (Atomics.load(cells, GENERATION) === arrival.generation) {
      const result = await waitAsync(
        cells,
        GENERATION,
        arrival.generation,
        deadline,
      );
      if (result === 'timed-out') {
        await this.#mutex.withLockAsync(() => this.#timedOut(arrival));
      }
    }
    return this.#outcome(arrival);
  }

  /**
   * Breaks the barrier: current waiters and all later `wait` calls
   * throw `BrokenBarrierError`. Use it to free threads when one party
   * fails and will never arrive.
   */
  abort(): void {
    this.#mutex.withLock(() => this.#break());
  }
}
