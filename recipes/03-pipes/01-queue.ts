/**
 * Using a queue to exchange data (with a sentinel, not `empty()`)
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using a queue to
 *          exchange data
 * @book    1e ch. 3 "Process-based Parallelism" › How to exchange objects
 *          between processes
 * @python  Chapter03/communicating_with_queue.py
 * @covers  Q1
 * @run     npm run recipe -- pipes/queue
 * @timeout 60000
 * @see     threads/queue — the same hand-off between threads
 *
 * The book's consumer loops `while not queue.empty()`, a race (a book
 * bug we fix): we show it, then end the stream with a sentinel instead.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry, randomInts } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { parentQueue, ServedQueue } from './01-queue.served.ts';

// The book's ten items in 0..256, seeded so every run draws the same.
export const ITEMS = randomInts(10, 256, 2019);
const PRODUCER_PAUSE_MS = 50; // the book's 1 s
const CONSUMER_PAUSE_MS = 30; // the book's 2 s + 1 s

// Node has no cross-process queue: the parent holds it (01-queue.served.ts)
// and each child calls `put`/`get` on it as messages over its IPC channel.
const queue = parentQueue<number | null>();

// The producer: ten items, then the sentinel (`null`), which tells the
// consumer no more will come; every `await` is a round trip to the parent.
async function producer(name: string): Promise<void> {
  for (const item of ITEMS) {
    await queue.put(item);
    console.log(`Process Producer : item ${item} appended to queue ${name}`);
    await sleep(PRODUCER_PAUSE_MS);
    console.log(`The size of queue is ${await queue.size()}`);
  }
  await queue.put(null);
}

// The fix: read until the sentinel. `get` waits for an item, so this
// consumer can start before the producer and still reads everything.
async function consumer(name: string): Promise<void> {
  let item: number | null;
  while ((item = await queue.get()) !== null) {
    console.log(`Process Consumer : item ${item} popped from by ${name}`);
    await sleep(CONSUMER_PAUSE_MS);
  }
  console.log(`${name}: got the sentinel, the producer is done`);
}

// The book's consumer: it trusts `empty()`, so a consumer that looks
// before the first put quits early and never reads the items.
async function emptyCheckConsumer(name: string): Promise<void> {
  while (!(await queue.empty())) await queue.get();
  console.log(`${name}: the queue is empty (it quits, reading nothing)`);
}

// What the test checks: every item produced was consumed, in order.
export interface Result { produced: number[]; consumed: number[] }

// Main holds the queue and serves it to each child; `start` resolves
// when that child exits, as Python's `join()` would.
export async function main(): Promise<Result> {
  const served = new ServedQueue<number | null>();
  const start = (role: string, name: string): Promise<unknown> => {
    const child = forkRole(import.meta.url, role, [name]);
    served.serve(child);
    return exited(child);
  };
  // The book's race, made certain: this consumer looks before anything
  // is put, so it sees an empty queue and quits.
  await start('empty-check', 'consumer-3');
  // The fixed consumer, and the producer that feeds it, side by side.
  await Promise.all([start('consumer', 'consumer-2'),
    start('producer', 'producer-1')]);
  // The served queue logged every take; the sentinel is not an item.
  const consumed = served.taken.filter((item) => item !== null);
  return { produced: ITEMS, consumed };
}

// Every process runs this file; its role says which part is its own.
const role = childRole(import.meta.url);
const name = childArgs()[0]!;
if (role === 'producer') await producer(name);
else if (role === 'consumer') await consumer(name);
else if (role === 'empty-check') await emptyCheckConsumer(name);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// consumer-3: the queue is empty (it quits, reading nothing)
// Process Producer : item 123 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 186 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 216 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 250 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 141 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 186 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 79 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 78 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 54 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 227 appended to queue producer-1
// The size of queue is {*}
// Process Consumer : item 123 popped from by consumer-2
// Process Consumer : item 186 popped from by consumer-2
// Process Consumer : item 216 popped from by consumer-2
// Process Consumer : item 250 popped from by consumer-2
// Process Consumer : item 141 popped from by consumer-2
// Process Consumer : item 186 popped from by consumer-2
// Process Consumer : item 79 popped from by consumer-2
// Process Consumer : item 78 popped from by consumer-2
// Process Consumer : item 54 popped from by consumer-2
// Process Consumer : item 227 popped from by consumer-2
// consumer-2: got the sentinel, the producer is done
