/**
 * Thread synchronization with semaphores
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with semaphores
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with semaphores
 * @python  Chapter02/Semaphore.py
 * @covers  T8
 * @run     npm run recipe -- threads/semaphore
 * @timeout 60000
 * @see     threads/condition, threads/queue
 *
 * The book hands an item from a producer to a consumer with
 * `Semaphore(0)`: the consumer blocks in `acquire()` until the producer
 * sets the item and calls `release()`. It starts a fresh pair of threads
 * for each of its 10 rounds; our two workers live for all rounds, so a
 * second semaphore tells the producer that the slot is free again. Our
 * Semaphore (shared/src/sync/semaphore.ts) keeps its permits in one
 * int32 cell: acquire swaps v -> v - 1 when v > 0 and otherwise sleeps
 * on the cell. Then 4 workers share `Semaphore(2)`, and a gauge proves
 * that at most 2 (and more than 1) ever held a permit at once.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  isEntry,
  joinAll,
  randomInts,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';
import {
  Barrier,
  type BarrierShared,
  Semaphore,
  type SemaphoreShared,
} from '@cookbook/shared/sync';

// Part 1: how many items pass, and the seed of their "random" values.
const ROUNDS = 10;
const SEED = 2019;
// Part 2: workers, permits, and how long (ms) each holds a permit.
const HOLDERS = 4;
const PERMITS = 2;
const HOLD_MS = 20;
const TURNS = 3;

// The book's `random.randint(0, 1000)`, made repeatable by a seed.
const items = (count: number): number[] => randomInts(count, 1000, SEED);

// ── Worker side ────────────────────────────────────────────────────
interface HandOff {
  role: 'producer' | 'consumer';
  filled: SemaphoreShared; // Semaphore(0): "an item is in the slot"
  empty: SemaphoreShared; // Semaphore(1): "the slot may be refilled"
  slot: Int32Array;
}

interface Holders {
  role: 'holder';
  permits: SemaphoreShared;
  start: BarrierShared;
  gauge: Int32Array; // [holding now, most ever holding at once]
}

function handOff({ role, filled: f, empty: e, slot }: HandOff): void {
  const [filled, empty] = [Semaphore.from(f), Semaphore.from(e)];
  const seen: number[] = [];
  for (const item of items(ROUNDS)) {
    if (role === 'producer') {
      empty.acquire(); // wait until the consumer has taken the last one
      Atomics.store(slot, 0, item);
      filled.release(); // "Producer notify: produced item number"
    } else {
      filled.acquire(); // "Consumer is waiting"
      seen.push(Atomics.load(slot, 0));
      empty.release();
    }
  }
  if (role === 'consumer') parentPort?.postMessage(seen);
}

function hold({ permits, start, gauge }: Holders): void {
  const semaphore = Semaphore.from(permits);
  Barrier.from(start).wait(); // all four ask at the same moment
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let turn = 0; turn < TURNS; turn++) {
    semaphore.withPermit(() => {
      const now = Atomics.add(gauge, 0, 1) + 1;
      for (let peak = Atomics.load(gauge, 1); now > peak;) {
        const was = Atomics.compareExchange(gauge, 1, peak, now);
        if (was === peak) break;
        peak = was;
      }
      Atomics.wait(pause, 0, 0, HOLD_MS); // hold it long enough to meet
      Atomics.sub(gauge, 0, 1);
    });
  }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  produced: number[];
  consumed: number[];
  peakHolders: number;
}

export async function main(): Promise<Result> {
  const url = new URL(import.meta.url);
  const slot = new Int32Array(new SharedArrayBuffer(4));
  const [filled, empty] = [new Semaphore(0).shared, new Semaphore(1).shared];
  const pair = (['producer', 'consumer'] as const).map((role) =>
    spawnWorker(url, { role, filled, empty, slot } satisfies HandOff));
  let consumed: number[] = [];
  pair[1]?.on('message', (seen: number[]) => { consumed = seen; });
  await joinAll(pair);
  const produced = items(ROUNDS);
  console.log(`produced: ${produced.join(' ')}`);
  console.log(`consumed: ${consumed.join(' ')}`);

  const permits = new Semaphore(PERMITS).shared;
  const gauge = new Int32Array(new SharedArrayBuffer(8));
  const start = new Barrier(HOLDERS).shared;
  await joinAll(Array.from({ length: HOLDERS }, () => spawnWorker(url,
    { role: 'holder', permits, start, gauge } satisfies Holders)));
  const peakHolders = Atomics.load(gauge, 1);
  console.log(`${HOLDERS} workers, Semaphore(${PERMITS}): ` +
    `at most ${peakHolders} held a permit at once`);
  return { produced, consumed, peakHolders };
}

if (!isMainThread) {
  const job = workerInput<HandOff | Holders>();
  if (job.role === 'holder') hold(job);
  else handOff(job);
} else if (isEntry(import.meta.url)) await main();

// Output:
// produced: 788 515 530 452 443 563 452 41 756 324
// consumed: 788 515 530 452 443 563 452 41 756 324
// 4 workers, Semaphore(2): at most 2 held a permit at once
