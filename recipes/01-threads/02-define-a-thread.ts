/**
 * Defining a thread: a target function with arguments
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Defining a thread
 * @book    1e ch. 2 "Thread-based Parallelism" › How to define a thread
 * @python  Chapter02/Thread_definition.py
 * @covers  T2
 * @run     npm run recipe -- threads/define-a-thread
 * @see     threads/current-thread — naming and identifying threads
 *
 * Python's `Thread(target=my_func, args=(i,))` runs a function of the
 * running program. A Node worker runs a *module* in a fresh V8 isolate, so
 * the "target" is this very file loaded again, and the arguments travel as
 * a cloned `workerData`. The book starts and joins each thread inside the
 * loop, which quietly makes the run sequential; we show that first, then
 * the parallel form: start them all, then join them all.
 */
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import {
  isEntry,
  join,
  joinAll,
  nextMessage,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';

// How many threads each half of the recipe starts (the 1st edition's 5).
const THREADS = 5;

// What a worker reports back: its argument and its own thread id.
interface Call {
  arg: number;
  threadId: number;
}

// ── Worker side ────────────────────────────────────────────────────
// The target function. It runs inside the worker and posts what it saw,
// because only the main thread prints (worker stdout arrives late).
function myFunc(arg: number): void {
  const call: Call = { arg, threadId };
  parentPort?.postMessage(call);
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  mainThreadId: number;
  /** Arguments in the order the sequential loop saw them. */
  sequential: number[];
  /** Arguments the parallel workers reported, in arrival order. */
  parallel: number[];
  /** Thread ids of the parallel workers. */
  threadIds: number[];
}

function start(arg: number) {
  return spawnWorker(new URL(import.meta.url), arg);
}

export async function main(): Promise<Result> {
  // The book's loop: start, then join at once. Each worker finishes
  // before the next begins, so the order is always 0, 1, 2, ...
  console.log('start + join in the loop (the book\'s way):');
  const sequential: number[] = [];
  for (let i = 0; i < THREADS; i++) {
    const worker = start(i);
    const call = await nextMessage<Call>(worker);
    await join(worker);
    sequential.push(call.arg);
    console.log(`  myFunc called by thread N°${call.arg}`);
  }

  // Start every worker first, then wait for all: now they overlap, and
  // the arrival order is whatever the scheduler makes it.
  const workers = Array.from({ length: THREADS }, (_, i) => start(i));
  const calls = await Promise.all(workers.map((w) => nextMessage<Call>(w)));
  await joinAll(workers);
  const parallel = calls.map((c) => c.arg);
  const threadIds = calls.map((c) => c.threadId);
  const distinct = new Set(threadIds).size;
  console.log('start all, then join all:');
  console.log(`  arguments seen: ${[...parallel].sort().join(' ')}`);
  console.log(`  ${distinct} distinct thread ids, main thread is ${threadId}`);
  return { mainThreadId: threadId, sequential, parallel, threadIds };
}

if (!isMainThread) myFunc(workerInput<number>());
else if (isEntry(import.meta.url)) await main();

// Output:
// start + join in the loop (the book's way):
//   myFunc called by thread N°0
//   myFunc called by thread N°1
//   myFunc called by thread N°2
//   myFunc called by thread N°3
//   myFunc called by thread N°4
// start all, then join all:
//   arguments seen: 0 1 2 3 4
//   5 distinct thread ids, main thread is 0
