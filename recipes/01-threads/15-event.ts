/**
 * Thread synchronization with an event
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with an event
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with an event
 * @python  Chapter02/Event.py
 * @covers  T10
 * @run     npm run recipe -- threads/event
 * @see     threads/event-lost-wakeup, threads/condition, threads/queue
 *
 * The book's producer appends an item, calls `event.set()` and at once
 * `event.clear()`; its consumer loops forever: sleep, `event.wait()`,
 * pop. A set+clear made while the consumer is busy, not inside
 * `wait()`, is lost with any Event (Python's too), and the program
 * never ends (we checked: it hangs after 5 items). The fix is a
 * hand-off: the producer only sets; the consumer clears, then drains
 * every item appended so far; a `done` flag ends it. Our Event is
 * built in shared/src/sync/event.ts; threads/event-lost-wakeup shows
 * why it sleeps on a count of sets rather than on its flag.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  isEntry, joinAll, randomInts, spawnWorker, workerInput,
} from '@cookbook/shared';
import { Event, type EventShared } from '@cookbook/shared/sync';

// The 2nd edition's 5 items of `random.randint(0, 100)` (the 1st
// edition draws 100 items from 0..256), made repeatable by a seed.
export const ITEMS = randomInts(5, 100, 256);

// ── Worker side ────────────────────────────────────────────────────
// The book's `items` list lives in shared memory:
// [items appended so far, producer done, item 0, item 1, ...].
const COUNT = 0;
const DONE = 1;
const FIRST = 2;

// What each worker is posted: its role, the Event and the list.
interface Job {
  role: 'producer' | 'consumer';
  event: EventShared;
  list: Int32Array;
}

// "Producer notify: item X appended": store the item, then the count,
// then raise the flag. No clear(): lowering it is the consumer's job.
function producer({ event: e, list }: Job): void {
  const event = Event.from(e);
  for (const [i, item] of ITEMS.entries()) {
    // Store the item before the count, so a reader never sees a hole.
    Atomics.store(list, FIRST + i, item);
    Atomics.store(list, COUNT, i + 1);
    event.set();
  }
  // Then say we are done, and set once more to wake the last wait.
  Atomics.store(list, DONE, 1);
  event.set();
}

// Clear *before* draining: an item appended after our look sets the
// flag again, so the next wait() returns at once and nothing is lost.
// We read DONE before COUNT, so "done" always comes with every item.
function consumer({ event: e, list }: Job): number[] {
  const event = Event.from(e);
  const popped: number[] = [];
  for (let done = false; !done;) {
    // Sleep until a set, then lower the flag before we look.
    event.wait();
    event.clear();
    done = Atomics.load(list, DONE) === 1;
    const count = Atomics.load(list, COUNT);
    // Pop every item the count says is there, not just one per wake-up.
    while (popped.length < count) {
      popped.push(Atomics.load(list, FIRST + popped.length)); // "popped"
    }
  }
  return popped;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  produced: number[];
  consumed: number[];
}

// One producer, one consumer, one Event; the consumer reports what
// it popped once the producer is done.
export async function main(): Promise<Result> {
  // Workers share memory, not objects, so the list is a SharedArrayBuffer.
  const event = new Event().shared;
  const list = new Int32Array(new SharedArrayBuffer(4 * (2 + ITEMS.length)));
  let consumed: number[] = [];
  const workers = (['producer', 'consumer'] as const).map((role) =>
    spawnWorker(new URL(import.meta.url), { role, event, list } satisfies Job));
  // The consumer posts its popped items back when it ends.
  workers[1]?.on('message', (popped: number[]) => { consumed = popped; });
  await joinAll(workers);
  console.log(`producer appended: ${ITEMS.join(' ')}`);
  console.log(`consumer popped:   ${consumed.join(' ')} (then ended)`);
  return { produced: ITEMS, consumed };
}

// In a worker, run the role we were given; in the main thread, run main.
if (!isMainThread) {
  const job = workerInput<Job>();
  if (job.role === 'producer') producer(job);
  else parentPort?.postMessage(consumer(job));
} else if (isEntry(import.meta.url)) await main();

// Output:
// producer appended: 26 70 95 25 38
// consumer popped:   26 70 95 25 38 (then ended)
