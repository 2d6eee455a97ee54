/**
 * Defining a thread: a target function with arguments
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Defining a thread
 * @book    1e ch. 2 "Thread-based Parallelism" › How to define a thread
 * @python  Chapter02/Thread_definition.py
 * @covers  T2
 * @run     npm run recipe -- threads/define-a-thread
 * @timeout 60000
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
  isEntry, join, joinAll, nextMessage, spawnWorker, workerInput,
} from '@cookbook/shared';

// How many threads each half of the recipe starts (the 1st edition's 5).
const THREADS = 5;

// What a worker gets: its argument, and a shared counter of workers
// running right now (each adds 1 on entry and takes it off on exit).
interface Args { arg: number; live: Int32Array }

// What a worker reports back: its argument, its own thread id, and how
// many workers were running when it came in (itself included).
interface Call { arg: number; threadId: number; alive: number }

// ── Worker side ────────────────────────────────────────────────────
// The target function. It runs inside the worker and posts what it saw,
// because only the main thread prints (worker stdout arrives late).
function myFunc({ arg, live }: Args): void {
  const alive = Atomics.add(live, 0, 1) + 1;
  const call: Call = { arg, threadId, alive };
  parentPort?.postMessage(call);
  Atomics.sub(live, 0, 1);
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns: what each half saw, for the test to check.
export interface Result {
  mainThreadId: number;
  /** Arguments in the order the sequential loop saw them. */
  sequential: number[];
  /** Workers running as each sequential one came in: all 1. */
  sequentialAlive: number[];
  /** Arguments the parallel workers reported, in arrival order. */
  parallel: number[];
  /** Thread ids of the parallel workers. */
  threadIds: number[];
}

// The book's loop first (start, then join, one thread at a time), then
// the same workers started together and joined together.
export async function main(): Promise<Result> {
  // One shared counter for every worker; `start` starts one on `arg`.
  const live = new Int32Array(new SharedArrayBuffer(4));
  const start = (arg: number) =>
    spawnWorker(new URL(import.meta.url), { arg, live } satisfies Args);

  // The book's loop: start, then join at once. Each worker finishes
  // before the next begins, so the order is always 0, 1, 2, ... and
  // each one finds itself alone (the shared counter reads 1).
  console.log('start + join in the loop (the book\'s way):');
  const sequential: number[] = [];
  const sequentialAlive: number[] = [];
  for (let i = 0; i < THREADS; i++) {
    const worker = start(i);
    const call = await nextMessage<Call>(worker);
    await join(worker);
    sequential.push(call.arg);
    sequentialAlive.push(call.alive);
    console.log(`  myFunc called by thread N°${call.arg}, ` +
      `running alone: ${call.alive === 1}`);
  }

  // Start every worker first, then wait for all: now they can overlap,
  // and the arrival order is whatever the scheduler makes it.
  const workers = Array.from({ length: THREADS }, (_, i) => start(i));
  const calls = await Promise.all(workers.map((w) => nextMessage<Call>(w)));
  await joinAll(workers);
  // The arguments all came back, each from a thread of its own.
  const parallel = calls.map((c) => c.arg);
  const threadIds = calls.map((c) => c.threadId);
  const distinct = new Set(threadIds).size;
  console.log('start all, then join all:');
  console.log(`  arguments seen: ${[...parallel].sort().join(' ')}`);
  console.log(`  ${distinct} distinct thread ids, main thread is ${threadId}`);
  return { mainThreadId: threadId, sequential, sequentialAlive, parallel,
    threadIds };
}

// In a worker this file calls the target; as the entry, runs main().
if (!isMainThread) myFunc(workerInput<Args>());
else if (isEntry(import.meta.url)) await main();

// Output:
// start + join in the loop (the book's way):
//   myFunc called by thread N°0, running alone: true
//   myFunc called by thread N°1, running alone: true
//   myFunc called by thread N°2, running alone: true
//   myFunc called by thread N°3, running alone: true
//   myFunc called by thread N°4, running alone: true
// start all, then join all:
//   arguments seen: 0 1 2 3 4
//   5 distinct thread ids, main thread is 0
