/**
 * I/O-bound fan-out: one request per currency pair, all at once
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple threads
 * @python  currency.py
 * @covers  T15
 * @run     npm run recipe -- threads/io-fanout
 * @see     threads/cpu-bound — the CPU-bound half of the lesson
 *
 * The book starts a daemon thread per currency pair; each puts (pair,
 * rate) on a Queue, and main `get`s, prints and `task_done`s each, then
 * `join`s: 0.38 s instead of 1.18 s in turn. Yahoo's API is gone, so a
 * stub on 127.0.0.1 serves the book's rates. We port that shape, then
 * Node's own answer: `Promise.all` over `fetch` on one thread.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import {
  BOOK_PAIRS, BOOK_RATES, fetchRate, startRateStub,
} from '@cookbook/shared/services/rate-stub';
import { BoundedQueue, type BoundedQueueShared } from '@cookbook/shared/sync';

// One request took the book about 0.38 s; the stub waits as long.
const DELAY_MS = 380;
// The book's published times: three pairs in turn, then threaded.
const BOOK_SECONDS = { sequential: 1.18, workers: 0.38 } as const;
const BOOK_RATES_CSV = BOOK_PAIRS.map((pair) => BOOK_RATES[pair]).join();

// Our queue (shared/src/sync/bounded-queue.ts) carries int32 items, so
// a worker writes its rate into a shared cell and puts the pair's
// index; the queue's lock makes the write visible before the index.
interface Job {
  url: string; index: number; rates: Float64Array; queue: BoundedQueueShared;
}

// Each thread fetches one pair's rate and queues the pair's index.
async function getRate({ url, index, rates, queue }: Job): Promise<void> {
  rates[index] = await fetchRate(url, BOOK_PAIRS[index] ?? '');
  BoundedQueue.from(queue).put(index);
}

// Each of the three ways gives one Phase: the rates, the most requests
// in flight at once, and the time it took.
type Way = 'workers' | 'sequential' | 'Promise.all';
export interface Phase {
  way: Way; rates: number[]; peakInFlight: number; ms: number;
}

// The book's shape: start the workers, then take each answer off the
// queue as it comes, print it and mark it done; `join` then returns.
async function workersAndQueue(url: string, arrivals: string[]) {
  const queue = new BoundedQueue(BOOK_PAIRS.length);
  const rates = new Float64Array(new SharedArrayBuffer(8 * 3));
  const workers = BOOK_PAIRS.map((_, index) => spawnWorker(
    new URL(import.meta.url), { url, index, rates, queue: queue.shared }));
  for (const _ of BOOK_PAIRS) {
    const index = (await queue.getAsync()) ?? 0;
    arrivals.push(BOOK_PAIRS[index] ?? '');
    console.log(`${BOOK_PAIRS[index]} ${rates[index]}`);
    queue.taskDone();
  }
  await queue.joinAsync();
  // The book's daemons die with the process; we join ours instead.
  await joinAll(workers);
  return [...rates];
}

// Python's loop without threads: one request after another.
async function inTurn(url: string): Promise<number[]> {
  const rates = [];
  for (const pair of BOOK_PAIRS) rates.push(await fetchRate(url, pair));
  return rates;
}
// Node's answer: every request in flight at once on this one thread.
const allAtOnce = (url: string): Promise<number[]> =>
  Promise.all(BOOK_PAIRS.map((pair) => fetchRate(url, pair)));

// What main returns: the pairs in queue order, and the three phases.
export interface Result { arrivals: string[]; phases: Phase[] }

// Run the three ways against one stub, then print them side by side.
export async function main(): Promise<Result> {
  const stub = await startRateStub({ delayMs: DELAY_MS });
  // The three ways, in the order we run them.
  const arrivals: string[] = [];
  const ways: [Way, (url: string) => Promise<number[]>][] = [
    ['workers', (url) => workersAndQueue(url, arrivals)],
    ['sequential', inTurn], ['Promise.all', allAtOnce]];
  try {
    console.log('one worker per pair, answers taken off a queue:');
    const phases: Phase[] = [];
    // Each way runs against a fresh peak; the clock is only for show.
    for (const [way, fetchAll] of ways) {
      stub.resetPeak();
      const started = performance.now();
      const rates = await fetchAll(stub.url);
      const ms = performance.now() - started;
      phases.push({ way, rates, peakInFlight: stub.peakInFlight(), ms });
    }
    // The book's numbers beside ours; theirs went over the network.
    console.log('way          book    ours    at most in flight');
    for (const { way, ms, peakInFlight } of phases) {
      const book = way === 'Promise.all' ? '-' : `${BOOK_SECONDS[way]} s`;
      console.log(`${way.padEnd(12)} ${book.padEnd(7)} ` +
        `${(ms / 1000).toFixed(2)} s  ${peakInFlight}`);
    }
    // Every way must have brought back exactly the book's rates.
    const same = phases.every((p) => p.rates.join() === BOOK_RATES_CSV);
    console.log(`every way got the book's rates: ${same}`);
    return { arrivals, phases };
  } finally {
    await stub.close();
  }
}

// In a worker this file fetches one rate; as the entry, runs main().
if (!isMainThread) await getRate(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// The three answers leave the queue in whatever order they arrive.
// Unordered output:
// one worker per pair, answers taken off a queue:
// EURUSD 1.1042
// GBPUSD 1.5309
// CHFEUR 0.9176
// way          book    ours    at most in flight
// workers      0.38 s  {*} s  {*}
// sequential   1.18 s  {*} s  1
// Promise.all  -       {*} s  3
// every way got the book's rates: true
