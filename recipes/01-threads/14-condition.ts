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
 * the sequence is unchanged, `notify` bumps it.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, runWorkers, workerInput } from '@cookbook/shared';
import {
  Condition, Event, type ConditionShared, type EventShared,
} from '@cookbook/shared/sync';

// The book's buffer size, and how many items pass through it.
const [CAPACITY, ITEMS] = [10, 20];

// The cells of the shared `state`: how many items are in the buffer,
// the most ever and the fewest left after a take, how often the
// producer found it full; then the ring of CAPACITY items. With one
// producer and one consumer, item n always sits in slot (n-1) % CAPACITY.
const [COUNT, MAX_FILL, MIN_FILL, FULL_WAITS, RING] = [0, 1, 2, 3, 4];

// What each worker is posted: its role and the shared memory it needs.
interface Job {
  role: 'producer' | 'consumer'; cond: ConditionShared;
  wasFull: EventShared; state: Int32Array;
}

// ── Worker side ────────────────────────────────────────────────────
// Each producer turn takes the lock, waits for room, adds one item.
// Every read and write of `state` happens with the condition's mutex
// held (`using` unlocks it at the end of each loop turn); the lock's
// atomic operations order them, so plain reads and writes will do.
function produce(cond: Condition, wasFull: Event, state: Int32Array): void {
  for (let item = 1; item <= ITEMS; item++) {
    using _locked = cond.acquire();
    // The book prints "items produced 10. Stopped"; we count it.
    if (state[COUNT] === CAPACITY) {
      state[FULL_WAITS]! += 1;
      wasFull.set();
    }
    // The book wraps wait() in an `if`; waitFor(predicate) is a `while`
    // loop, as a wake-up is not the condition: a notify may come when
    // nothing changed. It unlocks while asleep and relocks on waking.
    cond.waitFor(() => state[COUNT]! < CAPACITY);
    // Put the item in its slot, count it, and wake the consumer.
    state[RING + ((item - 1) % CAPACITY)] = item;
    state[COUNT]! += 1;
    state[MAX_FILL] = Math.max(state[MAX_FILL]!, state[COUNT]!);
    cond.notify();
  }
}

// The book's consumer is slower by sleeping; ours waits for the Event
// (shared/src/sync/event.ts) that says the buffer was full once, so the
// producer is sure to block.
function consume(cond: Condition, wasFull: Event, state: Int32Array,
): number[] {
  const taken: number[] = [];
  wasFull.wait();
  for (let i = 0; i < ITEMS; i++) {
    // Like the producer, but we wait for an item ("no items to
    // consume"), take the oldest, and notify ("consumed 1 item").
    using _locked = cond.acquire();
    cond.waitFor(() => state[COUNT]! > 0);
    taken.push(state[RING + (i % CAPACITY)]!);
    state[COUNT]! -= 1;
    state[MIN_FILL] = Math.min(state[MIN_FILL]!, state[COUNT]!);
    cond.notify();
  }
  return taken;
}

// A worker rebuilds the primitives from their shared memory, then works;
// the consumer posts what it took, the producer posts nothing.
function work({ role, cond: c, wasFull: e, state }: Job): void {
  const [cond, wasFull] = [Condition.from(c), Event.from(e)];
  if (role === 'producer') produce(cond, wasFull, state);
  else parentPort?.postMessage(consume(cond, wasFull, state));
}

// ── Main side ──────────────────────────────────────────────────────
// What the consumer took, and the bounds the buffer stayed in.
export interface Result {
  consumed: number[]; maxFill: number; minFill: number; fullWaits: number;
}

// Start both threads on one buffer, then print what the cells say.
export async function main(): Promise<Result> {
  // Node threads share no objects, so all state lives in shared memory.
  const [cond, wasFull] = [new Condition().shared, new Event().shared];
  const state = new Int32Array(new SharedArrayBuffer(4 * (RING + CAPACITY)));
  state[MIN_FILL] = CAPACITY;
  // runWorkers (shared/src/idioms.ts) starts both and waits for both;
  // the one message is the consumer's.
  const jobs = (['producer', 'consumer'] as const).map(
    (role): Job => ({ role, cond, wasFull, state }));
  const [consumed = []] = await runWorkers<Job, number[]>(
    new URL(import.meta.url), jobs);
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

// In a worker this file does its job; as the entry, it runs main().
if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// producer: 20 items; found the buffer full {*} time(s)
// consumer: 20 items: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
// fill level stayed in 0..10 (capacity 10)
