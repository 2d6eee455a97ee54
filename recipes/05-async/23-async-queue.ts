/**
 * An async producer/consumer queue (asyncio.Queue)
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `Queue`; the thread version is threads/queue)
 * @covers  none
 * @run     npm run recipe -- async/async-queue
 * @see     threads/queue, async/limiter
 *
 * asyncio.Queue is the thread queue made for coroutines: `await put()`
 * waits while the queue is full, `await get()` while it is empty,
 * `task_done()` and `await join()` track the work. Node has no such
 * queue, and we need no lock to write one: only one piece of code runs
 * at a time, so a waiting getter is just a stored `resolve`. Ours also
 * closes, which asyncio's gained only in Python 3.13 (`shutdown`):
 * consumers loop with `for await` and stop when it is closed and empty.
 * Two producers and three consumers share a queue of two places; a
 * gauge checks it never holds more.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';

// Two producers of five items each, three consumers, two places.
const PRODUCERS = 2;
const ITEMS_EACH = 5;
const CONSUMERS = 3;
const MAXSIZE = 2;

export class AsyncQueue<T> {
  readonly maxsize: number;
  #items: T[] = [];
  #getters: ((item: T | undefined) => void)[] = [];
  #putters: (() => void)[] = [];
  #unfinished = 0;
  #joiners: (() => void)[] = [];
  #closed = false;
  /** The most items ever held at once. */
  peak = 0;

  constructor(maxsize: number) {
    this.maxsize = maxsize;
  }

  // A waiting getter takes the item directly; otherwise we store it,
  // first waiting for room while the queue is full.
  async put(item: T): Promise<void> {
    while (this.#items.length >= this.maxsize) {
      await new Promise<void>((resolve) => this.#putters.push(resolve));
    }
    if (this.#closed) throw new Error('put() on a closed queue');
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter) return getter(item);
    this.#items.push(item);
    this.peak = Math.max(this.peak, this.#items.length);
  }

  // An item frees a place, so one waiting putter may go on. `undefined`
  // means closed and empty.
  async get(): Promise<T | undefined> {
    if (this.#items.length > 0) {
      const item = this.#items.shift()!;
      this.#putters.shift()?.();
      return item;
    }
    if (this.#closed) return undefined;
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  // The last taskDone wakes everyone waiting in join().
  taskDone(): void {
    if (--this.#unfinished === 0) {
      for (const wake of this.#joiners.splice(0)) wake();
    }
  }

  /** Resolves when every item put has been marked done. */
  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  /** No more puts; waiting getters get `undefined`. */
  close(): void {
    this.#closed = true;
    for (const getter of this.#getters.splice(0)) getter(undefined);
  }

  // `for await (const item of queue)`: get() until closed and empty.
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (let item = await this.get(); item !== undefined;
      item = await this.get()) yield item;
  }
}

export interface Result {
  produced: number[];
  /** What each consumer took, in the order it took them. */
  consumedBy: number[][];
  /** Every item, in the order the consumers got it. */
  takeOrder: number[];
  peak: number;
}

export async function main(): Promise<Result> {
  const queue = new AsyncQueue<number>(MAXSIZE);
  const produced: number[] = [];
  const takeOrder: number[] = [];

  // Producer p puts p*100 + 0..4; put waits whenever the queue is full.
  const producers = Array.from({ length: PRODUCERS }, async (_, p) => {
    for (let i = 0; i < ITEMS_EACH; i++) {
      await queue.put(p * 100 + i);
      produced.push(p * 100 + i);
    }
  });

  // Each consumer "works" on an item for a moment, then marks it done.
  const consumers = Array.from({ length: CONSUMERS }, async (_, c) => {
    const taken: number[] = [];
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
  await Promise.all(producers);
  await queue.join();
  queue.close();
  const consumedBy = await Promise.all(consumers);
  // Every item once, whoever took it; the gauge; the consumers used.
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

if (isEntry(import.meta.url)) await main();

// Output:
// produced 10, consumed 10: 0 1 2 3 4 100 101 102 103 104
// each taken once: true
// queue never held more than 2: true
// consumers that took items: 3
