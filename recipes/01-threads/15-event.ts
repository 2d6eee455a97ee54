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
 * @see     threads/condition, threads/queue
 *
 * The book's producer appends an item, calls `event.set()` and at once
 * `event.clear()`; its consumer loops forever: sleep, `event.wait()`,
 * pop. A set+clear made while the consumer is busy, not inside
 * `wait()`, is lost with any Event (Python's too), and the program
 * never ends. Inside `wait()`, an event that sleeps on its flag has the
 * same hole between its check and its sleep: we force that interleaving
 * and show that sleeping on a count of sets (our Event in
 * shared/src/sync/event.ts; Python's holds a lock instead) closes it.
 * The real fix is the hand-off: the producer only sets, the consumer
 * clears and drains every item, and a `done` flag ends it.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  isEntry,
  join,
  joinAll,
  randomInts,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';
import { Event, type EventShared } from '@cookbook/shared/sync';

const ITEMS = 5; // as in the 2nd edition
const SEED = 256;
const WAIT_MS = 100; // the bounded wait that exposes a lost wake-up

// ── Part 1: a tiny event, to force the lost wake-up ────────────────
// Two cells: the flag, and how many times `set` ran (the generation).
const FLAG = 0;
const GENERATION = 1;

function set(ev: Int32Array): void {
  Atomics.store(ev, FLAG, 1);
  Atomics.add(ev, GENERATION, 1);
  Atomics.notify(ev, FLAG);
  Atomics.notify(ev, GENERATION);
}

function clear(ev: Int32Array): void {
  Atomics.store(ev, FLAG, 0);
}

// Check the flag, then sleep while it reads 0. If a set and a clear
// both happen in `gap`, the flag reads 0 again and we sleep on.
function naiveWait(ev: Int32Array, gap: () => void): boolean {
  if (Atomics.load(ev, FLAG) === 1) return true;
  gap();
  return Atomics.wait(ev, FLAG, 0, WAIT_MS) !== 'timed-out';
}

// Note the generation *before* checking, then sleep while it is
// unchanged: a set in `gap` moved it, so the sleep returns at once.
// (Event.wait also loops, in case a sleep ends without a set.)
function generationWait(ev: Int32Array, gap: () => void): boolean {
  const generation = Atomics.load(ev, GENERATION);
  if (Atomics.load(ev, FLAG) === 1) return true;
  gap();
  return Atomics.wait(ev, GENERATION, generation, WAIT_MS) !== 'timed-out';
}

// ── Worker side ────────────────────────────────────────────────────
type Job =
  | { role: 'waiter'; naive: boolean; ev: Int32Array;
    checked: EventShared; fired: EventShared }
  | { role: 'producer' | 'consumer'; event: EventShared; list: Int32Array };

// The list: [items appended, producer done, item 0, item 1, ...].
const COUNT = 0;
const DONE = 1;

// The book's `random.randint(0, 256)`, made repeatable by a seed.
const items = (): number[] => randomInts(ITEMS, 256, SEED);

type Waiter = Extract<Job, { role: 'waiter' }>;
type Side = Exclude<Job, Waiter>;

// The gap: tell the main thread we checked, and let it set+clear.
function waiter({ naive, ev, checked, fired }: Waiter): boolean {
  const gap = (): void => {
    Event.from(checked).set();
    Event.from(fired).wait();
  };
  return (naive ? naiveWait : generationWait)(ev, gap);
}

function producer({ event: e, list }: Side): void {
  const event = Event.from(e);
  for (const [i, item] of items().entries()) {
    Atomics.store(list, 2 + i, item); // "item X appended"
    Atomics.store(list, COUNT, i + 1);
    event.set(); // no clear(): the consumer lowers the flag
  }
  Atomics.store(list, DONE, 1);
  event.set();
}

// Clear *before* draining: an item appended after our look sets the
// flag again, so the next wait() returns at once. Nothing is lost.
function consumer({ event: e, list }: Side): number[] {
  const event = Event.from(e);
  const popped: number[] = [];
  for (let done = false; !done;) {
    event.wait();
    event.clear();
    done = Atomics.load(list, DONE) === 1; // read before COUNT
    const count = Atomics.load(list, COUNT);
    while (popped.length < count) {
      popped.push(Atomics.load(list, 2 + popped.length)); // "X popped"
    }
  }
  return popped;
}

function work(job: Job): void {
  if (job.role === 'waiter') parentPort?.postMessage(waiter(job));
  else if (job.role === 'producer') producer(job);
  else parentPort?.postMessage(consumer(job));
}

// ── Main side ──────────────────────────────────────────────────────
async function raceSetClear(naive: boolean): Promise<boolean> {
  const ev = new Int32Array(new SharedArrayBuffer(8));
  const [checked, fired] = [new Event(), new Event()];
  const waiter = spawnWorker(new URL(import.meta.url), { role: 'waiter',
    naive, ev, checked: checked.shared, fired: fired.shared } satisfies Job);
  let woke = false;
  waiter.on('message', (w: boolean) => { woke = w; });
  const ended = join(waiter); // if the waiter dies first, we stop waiting
  await Promise.race([checked.waitAsync(), ended]); // it saw the flag down...
  set(ev); // ...and the producer sets and clears at once, as in the book
  clear(ev);
  fired.set();
  await ended;
  return woke;
}

export interface Result {
  naiveWoke: boolean;
  generationWoke: boolean;
  produced: number[];
  consumed: number[];
}

export async function main(): Promise<Result> {
  const naiveWoke = await raceSetClear(true);
  console.log(`naive wait, set+clear after its check: ` +
    `${naiveWoke ? 'woke up' : `missed it (timed out, ${WAIT_MS} ms)`}`);
  const generationWoke = await raceSetClear(false);
  console.log(`generation wait, same interleaving: ` +
    `${generationWoke ? 'woke up' : 'missed it'}`);

  const event = new Event().shared;
  const list = new Int32Array(new SharedArrayBuffer(4 * (2 + ITEMS)));
  let consumed: number[] = [];
  const workers = (['producer', 'consumer'] as const).map((role) =>
    spawnWorker(new URL(import.meta.url), { role, event, list } satisfies Job));
  workers[1]?.on('message', (popped: number[]) => { consumed = popped; });
  await joinAll(workers);
  const produced = items();
  console.log(`producer appended: ${produced.join(' ')}`);
  console.log(`consumer popped:   ${consumed.join(' ')} (then ended)`);
  return { naiveWoke, generationWoke, produced, consumed };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// naive wait, set+clear after its check: missed it (timed out, 100 ms)
// generation wait, same interleaving: woke up
// producer appended: 45 41 250 152 153
// consumer popped:   45 41 250 152 153 (then ended)
