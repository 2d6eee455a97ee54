/**
 * An async queue built by hand (asyncio.Queue): waits without a lock
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `Queue`; the thread version is threads/queue)
 * @covers  none
 * @run     npm run recipe -- async/async-queue
 * @see     async/producer-consumer — this queue between two producers and
 *          three consumers
 *
 * asyncio.Queue is the thread queue made for coroutines: `await put()`
 * waits while the queue is full, `await get()` while it is empty,
 * `task_done()` and `await join()` track the work. Node has no such
 * queue, and we need no lock to write one: only one piece of code runs
 * at a time, so a waiting getter is just a stored `resolve`. Ours also
 * closes, which asyncio's gained only in Python 3.13 (`shutdown`): a
 * waiting get then ends, and `for await` stops when closed and empty.
 */
import { isEntry } from '@cookbook/shared';

// What each part of the queue holds: the items, the stored `resolve` of
// every get and put that waits, the count of items not yet done.
export class AsyncQueue<T> {
  readonly maxsize: number;
  #items: T[] = [];
  #getters: ((item: T | undefined) => void)[] = [];
  #putters: (() => void)[] = [];
  #unfinished = 0;
  #joiners: (() => void)[] = [];
  #closed = false;
  // The most items ever held at once (a gauge for the tests).
  peak = 0;

  // No parameter properties (erasableSyntaxOnly): assigned by hand.
  constructor(maxsize: number) { this.maxsize = maxsize; }

  // A full queue makes put wait for room; then the item is handed over.
  async put(item: T): Promise<void> {
    // A `while`, not an `if`: woken putters recheck, since a put that
    // never waited may have taken the freed place first.
    while (this.#items.length >= this.maxsize) {
      await new Promise<void>((resolve) => this.#putters.push(resolve));
    }
    // Room or not, a closed queue takes nothing more.
    if (this.#closed) throw new Error('put() on a closed queue');
    // Counted now, so join() waits for it; a waiting getter gets the
    // item straight from our hand, and it never touches the array.
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
    // Nothing stored: closed means done; otherwise wait for a put.
    if (this.#closed) return undefined;
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  // The last taskDone wakes everyone waiting in join().
  taskDone(): void {
    if (--this.#unfinished > 0) return;
    for (const wake of this.#joiners.splice(0)) wake();
  }

  // Resolves when every item put has been marked done.
  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }

  // No more puts; waiting getters get `undefined`.
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

// What happened, in order, as the queue made put and get wait.
export type Result = { events: string[] };

export async function main(): Promise<Result> {
  // A queue of one place, and a log of what happened (printed too).
  const queue = new AsyncQueue<string>(1);
  const events: string[] = [];
  const say = (line: string) => (events.push(line), console.log(line));

  // One place: the second put waits until a get makes room for it.
  await queue.put('a');
  const putB = queue.put('b').then(() => say('put b: done, after a get'));
  say('put b: waiting, the queue is full');
  say(`got ${await queue.get()}`);
  await putB;
  say(`got ${await queue.get()}`);

  // An empty queue makes get wait; closing it ends the wait.
  const waiting = queue.get();
  say('get: waiting, the queue is empty');
  queue.close();
  say(`closed: the waiting get ended with ${await waiting}`);
  return { events };
}

// Run as a script (not imported by the test): show the waits.
if (isEntry(import.meta.url)) await main();

// Output:
// put b: waiting, the queue is full
// got a
// put b: done, after a get
// got b
// get: waiting, the queue is empty
// closed: the waiting get ended with undefined
