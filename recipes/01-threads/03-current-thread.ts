/**
 * Determining the current thread
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Determining the current
 *          thread
 * @book    1e ch. 2 "Thread-based Parallelism" › How to determine the
 *          current thread
 * @python  Chapter02/Thread_determine.py
 * @covers  T3
 * @run     npm run recipe -- threads/current-thread
 * @see     threads/define-a-thread, threads/thread-subclass
 *
 * Python names threads (`Thread(name=...)`, default `Thread-N`) and any
 * code can ask `threading.current_thread().name`. A Node worker is known
 * by `threadId` (0 is the main thread); the `name` option of Node 20 only
 * labels the worker in the inspector, so we carry the name ourselves in
 * the worker's data. Like the book, two workers get names and the third
 * falls back to a default built from its `threadId`.
 */
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import {
  blockingSleep, isEntry, joinAll, spawnWorker, workerInput,
} from '@cookbook/shared';

// How long each function "works" between its two lines, in ms.
const WORK_MS = 200;

// The names we give; `undefined` asks for the default name.
const NAMES = ['function_A', 'function_B', undefined];

// What a worker tells the main thread: who it is, and what it is doing.
export interface Report {
  name: string;
  threadId: number;
  event: 'starting' | 'exiting';
}

// ── Worker side ────────────────────────────────────────────────────
// Python's default is `Thread-<counter>`; ours uses the thread id, the
// one identity Node gives every worker.
function currentName(given: string | undefined): string {
  return given ?? `Thread-${threadId}`;
}

// A worker sleeps like Python's `time.sleep` with `blockingSleep`
// (shared/src/idioms.ts): `Atomics.wait` on a fresh cell nobody will
// ever notify, with a timeout. The whole thread sleeps; Node allows it
// on the main thread too, but there it would freeze the event loop, so
// every later recipe sleeps this way on workers only.

// The book's function: say "starting", sleep, say "exiting".
function work(given: string | undefined): void {
  const name = currentName(given);
  const say = (event: Report['event']): void => {
    parentPort?.postMessage({ name, threadId, event } satisfies Report);
  };
  say('starting');
  blockingSleep(WORK_MS);
  say('exiting');
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns: its own thread id and every worker's reports.
export interface Result {
  mainThreadId: number;
  reports: Report[];
}

// Two named workers and one left to the default, all started at once.
// We print each message as it comes and keep it; joinAll waits for all
// three, like Python's join() on each. Later recipes write this start,
// gather, join-all loop as `runWorkers` (shared/src/idioms.ts).
export async function main(): Promise<Result> {
  const reports: Report[] = [];
  const workers = NAMES.map((name) => {
    const worker = spawnWorker(new URL(import.meta.url), name, {
      ...(name === undefined ? {} : { name }),
    });
    worker.on('message', (report: Report) => {
      reports.push(report);
      console.log(`${report.name} --> ${report.event}`);
    });
    return worker;
  });
  await joinAll(workers);
  console.log(`main thread: threadId ${threadId}, ` +
    `isMainThread ${isMainThread}`);
  return { mainThreadId: threadId, reports };
}

// In a worker this file runs the book's function; as the entry, main().
if (!isMainThread) work(workerInput<string | undefined>());
else if (isEntry(import.meta.url)) await main();

// The three threads run at once, so their lines interleave freely.
// Unordered output:
// function_A --> starting
// function_B --> starting
// Thread-{*} --> starting
// function_A --> exiting
// function_B --> exiting
// Thread-{*} --> exiting
// main thread: threadId 0, isMainThread true
