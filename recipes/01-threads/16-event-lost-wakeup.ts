/**
 * A lost wake-up: why our Event sleeps on a count, not on its flag
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with an event (beyond the book: inside `wait()` itself)
 * @covers  none
 * @run     npm run recipe -- threads/event-lost-wakeup
 * @see     threads/event — the book's set+clear, and the hand-off fix
 *
 * An event built the obvious way checks its flag and then sleeps while
 * the flag reads 0. Between that check and that sleep, another thread
 * may set the flag and clear it again, as the book's producer does: the
 * sleeper then sleeps on a 0 and misses the set. We force exactly that
 * interleaving with two helper events, and give the sleep a bound so
 * the miss shows as a time-out, not a hang. Sleeping on a count of sets
 * (a generation) instead closes the hole: a set in the gap moves the
 * count, so the sleep returns at once. Our Event (shared/src/sync/
 * event.ts) does that; Python's holds a lock instead.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, join, spawnWorker, workerInput } from '@cookbook/shared';
import { Event, type EventShared } from '@cookbook/shared/sync';

// The bounded wait that turns a lost wake-up into a visible time-out.
const WAIT_MS = 100;

// ── A tiny event, two cells ────────────────────────────────────────
// The flag, and how many times `set` ran (the generation).
const [FLAG, GENERATION] = [0, 1];

// `set` raises the flag, counts the set, and wakes sleepers on either
// cell, whichever kind of wait they use.
function set(ev: Int32Array): void {
  Atomics.store(ev, FLAG, 1);
  Atomics.add(ev, GENERATION, 1);
  Atomics.notify(ev, FLAG);
  Atomics.notify(ev, GENERATION);
}

// Check the flag, then sleep while it reads 0. If a set and a clear
// both happen in `gap`, the flag reads 0 again and we sleep on.
function naiveWait(ev: Int32Array, gap: () => void): boolean {
  // If the flag is already up, there is nothing to wait for.
  if (Atomics.load(ev, FLAG) === 1) return true;
  gap();
  // Atomics.wait sleeps only if the flag reads 0; after set+clear it does.
  return Atomics.wait(ev, FLAG, 0, WAIT_MS) !== 'timed-out';
}

// Note the generation *before* checking, then sleep while it is
// unchanged: a set in `gap` moved it, so the sleep returns at once.
function generationWait(ev: Int32Array, gap: () => void): boolean {
  // Reading the generation first is what closes the gap.
  const generation = Atomics.load(ev, GENERATION);
  if (Atomics.load(ev, FLAG) === 1) return true;
  gap();
  return Atomics.wait(ev, GENERATION, generation, WAIT_MS) !== 'timed-out';
}

// ── Worker side: the waiter ────────────────────────────────────────
// The gap: tell the main thread we have checked, and wait until it has
// set and cleared. Then sleep, and report whether we woke.
interface Job {
  naive: boolean; ev: Int32Array; checked: EventShared; fired: EventShared;
}

function waiter({ naive, ev, checked, fired }: Job): boolean {
  // The gap lets the main thread set and clear between check and sleep.
  const gap = (): void => {
    Event.from(checked).set();
    Event.from(fired).wait();
  };
  return (naive ? naiveWait : generationWait)(ev, gap);
}

// ── Main side: the book's producer ─────────────────────────────────
// Once the waiter has seen the flag down, set and clear at once.
async function setAndClearInTheGap(naive: boolean): Promise<boolean> {
  // Each run gets a fresh event (flag, generation) and helper Events.
  const ev = new Int32Array(new SharedArrayBuffer(8));
  const [checked, fired] = [new Event(), new Event()];
  const worker = spawnWorker(new URL(import.meta.url), { naive, ev,
    checked: checked.shared, fired: fired.shared } satisfies Job);
  // The worker posts back whether its wait woke or timed out.
  let woke = false;
  worker.on('message', (w: boolean) => { woke = w; });
  const ended = join(worker); // if the waiter dies first, stop waiting
  await Promise.race([checked.waitAsync(), ended]);
  // Now the waiter has checked: set, clear at once, and let it sleep.
  set(ev);
  Atomics.store(ev, FLAG, 0); // clear
  fired.set();
  // Wait for the worker to post its answer and exit.
  await ended;
  return woke;
}

// Whether each way of waiting woke up.
export interface Result { naiveWoke: boolean; generationWoke: boolean }

// The same interleaving, forced twice: once per way of waiting.
export async function main(): Promise<Result> {
  const naiveWoke = await setAndClearInTheGap(true);
  console.log('naive wait, set+clear after its check: ' +
    `${naiveWoke ? 'woke up' : `missed it (timed out, ${WAIT_MS} ms)`}`);
  const generationWoke = await setAndClearInTheGap(false);
  console.log('generation wait, same interleaving: ' +
    `${generationWoke ? 'woke up' : 'missed it'}`);
  return { naiveWoke, generationWoke };
}

// A worker is the waiter; the main thread plays the producer.
if (!isMainThread) parentPort?.postMessage(waiter(workerInput<Job>()));
else if (isEntry(import.meta.url)) await main();

// Output:
// naive wait, set+clear after its check: missed it (timed out, 100 ms)
// generation wait, same interleaving: woke up
