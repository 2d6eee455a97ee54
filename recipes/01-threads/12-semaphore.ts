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
 * @see     threads/semaphore-limit, threads/condition, threads/queue
 *
 * The book hands an item from a producer to a consumer with
 * `Semaphore(0)`: each round starts a fresh pair of threads; the
 * consumer says it is waiting and blocks in `acquire()`, the producer
 * sleeps, sets a random item and calls `release()`. We keep that shape
 * with the 1st edition's 5 rounds and a 50 ms sleep (the book's 3 s
 * and 10 s would make a long wait). Our Semaphore is built in
 * shared/src/sync/semaphore.ts: one int32 cell of permits; acquire
 * swaps v -> v - 1 when v > 0 and otherwise sleeps on the cell.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  blockingSleep, isEntry, randomInts, runWorkers, workerInput,
} from '@cookbook/shared';
import { Semaphore, type SemaphoreShared } from '@cookbook/shared/sync';

// The 1st edition's 5 rounds, with the producer's sleep scaled down.
const ROUNDS = 5;
const PRODUCER_SLEEP_MS = 50;
// The book's `random.randint(0, 1000)`, made repeatable by a seed.
export const ITEMS = randomInts(ROUNDS, 1000, 2019);

// ── Worker side ────────────────────────────────────────────────────
// `slot` holds the book's global `item`; `clock` numbers every event
// across threads, so main can print the lines in the order they
// happened (messages from two workers may arrive in either order).
interface Job {
  role: 'consumer' | 'producer'; item: number; semaphore: SemaphoreShared;
  slot: Int32Array; clock: Int32Array;
}

// A logged line, stamped with the shared clock.
export interface Line { at: number; text: string }

// The book's consumer and producer functions, one per worker.
function work({ role, item, semaphore: s, slot, clock }: Job): void {
  // A worker gets the semaphore as plain shared data; we rebuild it.
  const semaphore = Semaphore.from(s);
  // Each line takes the next clock tick and goes back to main.
  const log = (text: string): void => parentPort?.postMessage(
    { at: Atomics.add(clock, 0, 1), text } satisfies Line);
  if (role === 'consumer') {
    log('Consumer is waiting');
    // The count starts at 0, so this sleeps until the producer releases.
    semaphore.acquire();
    log(`Consumer notify: item number ${Atomics.load(slot, 0)}`);
  } else {
    // Python's time.sleep: Atomics.wait may block a worker, not main.
    blockingSleep(PRODUCER_SLEEP_MS);
    Atomics.store(slot, 0, item);
    log(`Producer notify: item number ${item}`);
    // We release after the store, so the consumer reads the new item.
    semaphore.release();
  }
}

// ── Main side ──────────────────────────────────────────────────────
// Each round: a fresh Semaphore(0), a consumer and a producer, both
// joined before the next round, as in the book's loop.
export interface Result { rounds: Line[][] }

// Five rounds, one after the other, each printed as it ends.
export async function main(): Promise<Result> {
  // SharedArrayBuffer cells that every worker in every round can see.
  const slot = new Int32Array(new SharedArrayBuffer(4));
  const clock = new Int32Array(new SharedArrayBuffer(4));
  const rounds: Line[][] = [];
  for (const item of ITEMS) {
    const semaphore = new Semaphore(0).shared;
    // Node has no Thread class: each worker runs this file again, and
    // runWorkers (shared/src/idioms.ts) waits, like Python's join(),
    // until both have finished, before the next round starts.
    const jobs = (['consumer', 'producer'] as const).map(
      (role): Job => ({ role, item, semaphore, slot, clock }));
    const lines = await runWorkers<Job, Line>(new URL(import.meta.url),
      jobs);
    // Sort by clock tick, since messages may arrive in either order.
    lines.sort((a, b) => a.at - b.at);
    for (const { text } of lines) console.log(text);
    rounds.push(lines);
  }
  return { rounds };
}

// In a worker this file plays its role; as the entry, it runs main().
if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Whether the consumer's first line comes before the producer's depends
// on which worker started first; the item always arrives intact.
// Unordered output:
// Consumer is waiting
// Producer notify: item number 788
// Consumer notify: item number 788
// Consumer is waiting
// Producer notify: item number 515
// Consumer notify: item number 515
// Consumer is waiting
// Producer notify: item number 530
// Consumer notify: item number 530
// Consumer is waiting
// Producer notify: item number 452
// Consumer notify: item number 452
// Consumer is waiting
// Producer notify: item number 443
// Consumer notify: item number 443
