/**
 * Producers and consumers on an async queue (asyncio.Queue)
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `Queue`; the thread version is threads/queue)
 * @covers  none
 * @run     npm run recipe -- async/producer-consumer
 * @see     async/async-queue — how the queue is built
 *
 * asyncio's producer/consumer recipe: producers `await put()`, which
 * waits while the queue is full; consumers take items, work on each and
 * call `task_done()`; `await queue.join()` then says every item was
 * handled. The queue is the one built in async/async-queue. Ours closes,
 * so consumers loop with `for await` and stop when it is closed and
 * empty, where asyncio cancels them. Two producers and three consumers
 * share a queue of two places; a gauge checks it never holds more.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';
import { AsyncQueue } from './23-async-queue.ts';

// Two producers of five items each, three consumers, two places.
const PRODUCERS = 2;
const ITEMS_EACH = 5;
const CONSUMERS = 3;
const MAXSIZE = 2;

// What was produced, what each consumer took, and the queue's gauge.
export interface Result {
  produced: number[];
  /** What each consumer took, in the order it took them. */
  consumedBy: number[][];
  /** Every item, in the order the consumers got it. */
  takeOrder: number[];
  peak: number;
}

export async function main(): Promise<Result> {
  // The shared queue, and the logs the test checks.
  const queue = new AsyncQueue<number>(MAXSIZE);
  const produced: number[] = [];
  const takeOrder: number[] = [];

  // Producers and consumers all start now, on one thread, each running
  // until it awaits. Producer p puts p*100 + 0..4; put waits whenever
  // the queue is full.
  const producers = Array.from({ length: PRODUCERS }, async (_, p) => {
    // Logged once put returns: only then has the queue taken it.
    for (let i = 0; i < ITEMS_EACH; i++) {
      await queue.put(p * 100 + i);
      produced.push(p * 100 + i);
    }
  });

  // Each consumer "works" on an item for a moment, then marks it done.
  const consumers = Array.from({ length: CONSUMERS }, async (_, c) => {
    const taken: number[] = [];
    // `for await` ends when the queue is closed and empty.
    for await (const item of queue) {
      taken.push(item);
      takeOrder.push(item);
      await sleep(5 + c);
      queue.taskDone();
    }
    return taken;
  });

  // asyncio's recipe: wait for the producers, then queue.join(); we
  // close the queue where asyncio would cancel the consumer tasks.
  // join() resolves when every item put has been marked done.
  await Promise.all(producers);
  await queue.join();
  queue.close();
  const consumedBy = await Promise.all(consumers);

  // Print what the test checks: every item once, whoever took it; the
  // queue's gauge; how many consumers got work.
  const all = consumedBy.flat().sort((a, b) => a - b);
  console.log(`produced ${produced.length}, consumed ${all.length}: ` +
    `${all.join(' ')}`);
  console.log(`each taken once: ${all.join() ===
    [...produced].sort((a, b) => a - b).join()}`);
  console.log(`queue never held more than ${MAXSIZE}: ` +
    `${queue.peak <= MAXSIZE}`);
  console.log(`consumers that took items: ` +
    `${consumedBy.filter((t) => t.length > 0).length}`);
  return { produced, consumedBy, takeOrder, peak: queue.peak };
}

// Run as a script (not imported by the test): the whole exchange.
if (isEntry(import.meta.url)) await main();

// Output:
// produced 10, consumed 10: 0 1 2 3 4 100 101 102 103 104
// each taken once: true
// queue never held more than 2: true
// consumers that took items: 3
