/**
 * Thread synchronization with a condition
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with a condition
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with a condition
 * @python  Chapter02/Condition.py
 * @covers  T9
 * @run     npm run recipe -- threads/condition
 * @see     threads/semaphore, threads/queue
 *
 * A producer and a consumer share a buffer of 10 items, guarded by one
 * `threading.Condition`: each side waits when it cannot act and
 * notifies after it has. Our Condition (shared/src/sync/condition.ts)
 * pairs a Mutex with a sequence cell: `wait` unlocks and sleeps while
 * the sequence is unchanged, `notify` bumps it. The book wraps `wait()`
 * in an `if`; we use `waitFor(predicate)`, a `while` loop, because a
 * wake-up is not the condition: `Atomics.notify` wakes even when the
 * state did not change, and another thread may get there first. The
 * book's consumer is slower by sleeping; ours waits until the buffer has
 * been full once, so the producer is sure to block.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import {
  Condition,
  type ConditionShared,
  Event,
  type EventShared,
} from '@cookbook/shared/sync';

// The book's buffer size, and how many items pass through it.
const CAPACITY = 10;
const ITEMS = 20;

// Cells of the shared `state`; the ring of CAPACITY items follows.
const HEAD = 0; // index of the oldest item
const COUNT = 1; // items in the buffer
const MAX_FILL = 2; // the most items ever in the buffer
const MIN_FILL = 3; // the fewest left after a take (never below 0)
const FULL_WAITS = 4; // times the producer found the buffer full
const RING = 5;

// What each worker is posted: its role and the shared memory it needs.
interface Job {
  role: 'producer' | 'consumer';
  cond: ConditionShared;
  wasFull: EventShared;
  state: Int32Array;
}

// ── Worker side ────────────────────────────────────────────────────
// Every read and write of `state` below happens with the condition's
// mutex held (`using` unlocks it at the end of each loop turn). The
// lock's atomic operations order them, so plain reads and writes do.
function produce(cond: Condition, wasFull: Event, state: Int32Array): void {
  // Each turn takes the lock, waits for room, then appends one item.
  for (let item = 1; item <= ITEMS; item++) {
    using _locked = cond.acquire();
    if (state[COUNT] === CAPACITY) {
      state[FULL_WAITS]! += 1; // "items produced 10. Stopped"
      wasFull.set();
    }
    // waitFor releases the lock while asleep and retakes it on waking.
    cond.waitFor(() => state[COUNT]! < CAPACITY);
    // The new item goes just past the last one, wrapping round the ring.
    const count = state[COUNT]!;
    state[RING + ((state[HEAD]! + count) % CAPACITY)] = item;
    state[COUNT] = count + 1;
    state[MAX_FILL] = Math.max(state[MAX_FILL]!, count + 1);
    cond.notify(); // the only other thread is the consumer
  }
}

function consume(cond: Condition, wasFull: Event, state: Int32Array,
): number[] {
  const taken: number[] = [];
  wasFull.wait(); // the book's slow consumer, made certain (an Event:
  // shared/src/sync/event.ts)
  for (let i = 0; i < ITEMS; i++) {
    // Like the producer, but we wait for an item and take the oldest.
    using _locked = cond.acquire();
    cond.waitFor(() => state[COUNT]! > 0); // "no items to consume"
    const head = state[HEAD]!;
    taken.push(state[RING + head]!);
    state[HEAD] = (head + 1) % CAPACITY;
    state[COUNT]! -= 1;
    state[MIN_FILL] = Math.min(state[MIN_FILL]!, state[COUNT]!);
    cond.notify(); // "consumed 1 item"
  }
  return taken;
}

// A worker rebuilds the primitives from their shared memory, then works.
function work({ role, cond: c, wasFull: e, state }: Job): void {
  const [cond, wasFull] = [Condition.from(c), Event.from(e)];
  if (role === 'producer') produce(cond, wasFull, state);
  else parentPort?.postMessage(consume(cond, wasFull, state));
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  consumed: number[];
  maxFill: number;
  minFill: number;
  fullWaits: number;
}

export async function main(): Promise<Result> {
  // Node threads share no objects, so all state lives in shared memory.
  const cond = new Condition().shared;
  const wasFull = new Event().shared;
  const state = new Int32Array(new SharedArrayBuffer(4 * (RING + CAPACITY)));
  state[MIN_FILL] = CAPACITY;
  let consumed: number[] = [];
  // The consumer posts what it took; the producer posts nothing.
  const workers = (['producer', 'consumer'] as const).map((role) =>
    spawnWorker(new URL(import.meta.url), { role, cond, wasFull, state }));
  workers[1]?.on('message', (taken: number[]) => { consumed = taken; });
  await joinAll(workers);
  // The workers are gone, so plain reads are safe now.
  const [maxFill, minFill, fullWaits] =
    [state[MAX_FILL]!, state[MIN_FILL]!, state[FULL_WAITS]!];
  // We print bounds rather than a trace, so the output is repeatable.
  console.log(`producer: ${ITEMS} items; found the buffer full ` +
    `${fullWaits} time(s)`);
  console.log(`consumer: ${consumed.length} items: ${consumed.join(' ')}`);
  console.log(`fill level stayed in ${minFill}..${maxFill} ` +
    `(capacity ${CAPACITY})`);
  return { consumed, maxFill, minFill, fullWaits };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// producer: 20 items; found the buffer full {*} time(s)
// consumer: 20 items: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
// fill level stayed in 0..10 (capacity 10)
