/**
 * Dealing with futures: results set by tasks, read by done-callbacks
 *
 * @book    2e ch. 5 "Asynchronous Programming" › Dealing with asyncio and
 *          futures
 * @book    1e ch. 4 "Asynchronous Programming" › Dealing with Asyncio and
 *          Futures
 * @python  Chapter05/asyncio_and_futures.py
 * @covers  A5
 * @run     npm run recipe -- async/futures
 * @see     async/future-lifecycle, async/tasks
 *
 * Two coroutines compute, sleep, then `set_result` on a Future each; a
 * done-callback prints each result. The 1st edition sleeps 3 s and 4 s,
 * so the sum prints first, and swapping the sleeps swaps the lines. We
 * run both orders. A Future is a promise resolved from outside: we use
 * the `Future` of `@cookbook/shared/futures` (shared/src/futures/
 * future.ts), whose `setResult` and `addDoneCallback` are Python's;
 * a bare promise would do the same with its `resolve` and `.then`.
 * Bug fixed: the 2nd edition's "sum of N ints" loop adds 1 per step and
 * prints N; ours prints 1 + … + N. Its file also fails on Python 3.11.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntry } from '@cookbook/shared';
import { Future } from '@cookbook/shared/futures';

// The book's example arguments (`asy.py 4 4`), and two sleeps far apart.
export const N1 = 4;
export const N2 = 4;
const SHORT_MS = 30;
const LONG_MS = 150;

// The first coroutine: 1 + 2 + … + n (the book's loop counted steps).
async function firstCoroutine(future: Future<string>, n: number,
  sleepMs: number): Promise<void> {
  // The work is synchronous and instant; the sleep alone decides which
  // future is resolved first, as in the book.
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += i;
  await sleep(sleepMs);
  future.setResult(`First coroutine (sum of N ints) result = ${sum}`);
}

// The second coroutine: n!.
async function secondCoroutine(future: Future<string>, n: number,
  sleepMs: number): Promise<void> {
  // Same shape: compute, sleep, then resolve the future from outside.
  let product = 1;
  for (let i = 2; i <= n; i++) product *= i;
  await sleep(sleepMs);
  future.setResult(`Second coroutine (factorial) result = ${product}`);
}

// Runs both with the given sleeps; the callbacks record the order in
// which the futures were resolved.
async function race(firstMs: number, secondMs: number): Promise<string[]> {
  console.log(`sleeps: first ${firstMs} ms, second ${secondMs} ms`);
  // The book's got_result: the future is done, so result() is ready.
  const printed: string[] = [];
  const gotResult = (future: Future<string>): void => {
    void future.result().then((line) => {
      console.log(`  ${line}`);
      printed.push(line);
    });
  };
  // Two empty futures, each with the callback attached before the work.
  const future1 = new Future<string>();
  const future2 = new Future<string>();
  future1.addDoneCallback(gotResult);
  future2.addDoneCallback(gotResult);
  // The book's run_until_complete(asyncio.wait(tasks)).
  await Promise.all([
    firstCoroutine(future1, N1, firstMs),
    secondCoroutine(future2, N2, secondMs),
  ]);
  // The callbacks read result() through a `.then`, a microtask later: wait
  // for both futures so every line is printed before we return.
  await Promise.all([future1.result(), future2.result()]);
  return printed;
}

// The two orders of printed lines, which the test compares.
export interface Result {
  /** Printed lines when the first task sleeps less, then more. */
  firstSleepsLess: string[];
  firstSleepsMore: string[];
}

// The 1st edition's order (3 s, 4 s), then the sleeps swapped.
export async function main(): Promise<Result> {
  const firstSleepsLess = await race(SHORT_MS, LONG_MS);
  const firstSleepsMore = await race(LONG_MS, SHORT_MS);
  return { firstSleepsLess, firstSleepsMore };
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// sleeps: first 30 ms, second 150 ms
//   First coroutine (sum of N ints) result = 10
//   Second coroutine (factorial) result = 24
// sleeps: first 150 ms, second 30 ms
//   Second coroutine (factorial) result = 24
//   First coroutine (sum of N ints) result = 10
