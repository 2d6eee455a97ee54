/**
 * Thread communication using a queue
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread communication
 *          using a queue
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread communication
 *          using a queue
 * @python  Chapter02/Threading_with_queue.py
 * @covers  T13
 * @run     npm run recipe -- threads/queue
 * @see     threads/condition, threads/event
 *
 * One producer puts items on a `queue.Queue`; three consumers `get()`
 * them and call `task_done()`. The book's consumers loop forever, so it
 * never ends. Our BoundedQueue (shared/src/sync/bounded-queue.ts) is a
 * ring of int32 cells guarded by one Mutex and two Conditions ("not
 * empty", "not full"), plus a WaitGroup for `taskDone`/`join`. Ours
 * ends: `join()` returns once every item is done, then `close()` makes
 * each consumer's `get()` return `undefined`, and all three exit.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import {
  blockingSleep, isEntry, join, randomInts, runWorkers, spawnWorker,
  workerInput,
} from '@cookbook/shared';
import { BoundedQueue, type BoundedQueueShared } from '@cookbook/shared/sync';

// Ten items, three consumers, and a queue so small that the producer
// also waits for room; each consumer "processes" an item for WORK_MS.
const [ITEMS, CONSUMERS, CAPACITY, WORK_MS] = [10, 3, 3, 5];
const SEED = 42;
const HERE = new URL(import.meta.url); // the file every worker runs

// The book's `random.randint(0, 256)`, made repeatable by a seed.
const produce = (): number[] => randomInts(ITEMS, 256, SEED);

// Every worker gets its role and the queue's shared memory.
interface Job { role: 'producer' | 'consumer'; queue: BoundedQueueShared }

// ── Worker side ────────────────────────────────────────────────────
// The producer puts every item; a consumer takes items until the queue
// is closed, then posts what it took.
function work({ role, queue: shared }: Job): void {
  const queue = BoundedQueue.from(shared);
  if (role === 'producer') {
    // "item N° x appended to queue"; put sleeps while the queue is full.
    for (const item of produce()) queue.put(item);
    return;
  }
  const taken: number[] = [];
  // `get` sleeps while the queue is empty and returns `undefined` once
  // it is closed and drained: the loop the book could not end. Each item
  // is "x popped from queue", worked on, then marked done.
  for (let item = queue.get(); item !== undefined; item = queue.get()) {
    taken.push(item);
    blockingSleep(WORK_MS);
    queue.taskDone();
  }
  parentPort?.postMessage(taken);
}

// ── Main side ──────────────────────────────────────────────────────
// What was produced, what each consumer took, and whether join() saw
// every item done.
export interface Result {
  produced: number[]; takenBy: number[][]; joined: boolean;
}

// One producer and three consumers on one queue; then join, then
// close, so the consumers' loops end.
export async function main(): Promise<Result> {
  const queue = new BoundedQueue(CAPACITY);
  const job = (role: Job['role']): Job => ({ role, queue: queue.shared });
  const producer = spawnWorker(HERE, job('producer'));
  // runWorkers (shared/src/idioms.ts) starts the consumers now and
  // resolves with what each took once all of them have ended.
  const consumers = runWorkers<Job, number[]>(HERE,
    Array.from({ length: CONSUMERS }, () => job('consumer')));
  try {
    // join() counts unfinished items, so it must come after the last put.
    await join(producer);
    console.log(`producer put: ${produce().join(' ')}`);
    const joined = await queue.joinAsync(10_000);
    console.log(`join(): all ${ITEMS} items marked done: ${joined}`);
    await queue.closeAsync();
    const takenBy = await consumers;
    console.log(`close(): all ${takenBy.length} consumers ended`);
    // Which consumer takes which item varies from run to run, so we
    // check that every item was taken exactly once.
    const produced = produce();
    const consumed = takenBy.flat();
    const same = [...consumed].sort().join() === [...produced].sort().join();
    console.log(`${produced.length} items produced, ${consumed.length} ` +
      `consumed, each exactly once: ${same}`);
    // A consumer that starts late may get none: a worker's start takes
    // longer than the whole batch (see the WorkerStartup suite).
    console.log(`per consumer: ${takenBy.map((t) => t.length).join(' + ')}`);
    return { produced, takenBy, joined };
  } finally {
    // Never leave a consumer asleep in get(), even when something threw.
    await queue.closeAsync();
  }
}

// In a worker this file plays its role; as the entry, it runs main().
if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// producer put: 166 134 50 93 66 96 0 146 54 127
// join(): all 10 items marked done: true
// close(): all 3 consumers ended
// 10 items produced, 10 consumed, each exactly once: true
// per consumer: {*}
