/**
 * Atomics.waitAsync: wait on shared memory without blocking the loop
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `run_in_executor` around a blocking wait)
 * @covers  none
 * @run     npm run recipe -- async/wait-async
 * @see     threads/event, async/event-loop
 * @timeout 60000
 *
 * A worker signals through a SharedArrayBuffer cell. `Atomics.wait`
 * sleeps until the cell changes, but on the main thread it sleeps the
 * *whole event loop*: no timer, no I/O, no message runs meanwhile.
 * asyncio would push such a wait into a thread with `run_in_executor`.
 * JavaScript has the async twin built in: `Atomics.waitAsync` returns
 * a promise and the loop runs on. We make the difference certain, not
 * timed: the worker finishes only after a main-thread timer says "go".
 * With `Atomics.wait` that timer cannot run, so the wait times out
 * first; with `Atomics.waitAsync` the timer runs and the wait ends 'ok'.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, join, spawnWorker, workerInput } from '@cookbook/shared';

// Cell GO: main → worker ("start round r"); DONE: worker → main.
const GO = 0;
const DONE = 1;
// How long the blocking wait gives up after: long enough that only a
// blocked loop, never a slow timer, explains the time-out.
const BLOCK_MS = 200;

// TypeScript declares `waitAsync` only from lib es2024 and the project
// targets es2023, so we describe the one overload we use. A pending
// waitAsync holds no event-loop handle: here the live worker keeps the
// process up (shared/src/sync/futex.ts adds a timer for that).
const atomics = Atomics as unknown as {
  waitAsync(cells: Int32Array, index: number, expected: number,
    timeoutMs?: number):
    | { async: false; value: 'not-equal' | 'timed-out' }
    | { async: true; value: Promise<'ok' | 'timed-out'> };
};

// ── Worker side ────────────────────────────────────────────────────
// Round r: sleep until GO reaches r (blocking is fine off the main
// thread), then publish DONE = r and wake whoever waits on it.
function work(cells: Int32Array): void {
  for (let round = 1; round <= 2; round++) {
    while (Atomics.load(cells, GO) < round) {
      Atomics.wait(cells, GO, round - 1);
    }
    Atomics.store(cells, DONE, round);
    Atomics.notify(cells, DONE);
  }
}

// ── Main side ──────────────────────────────────────────────────────
// Each mode's log, in the order things happened, for the test to read.
export interface Result {
  blocking: string[];
  nonBlocking: string[];
}

// A zero-delay timer that sets GO = round: it can only run while the
// event loop is free.
function goLater(cells: Int32Array, round: number, log: string[]): void {
  setTimeout(() => {
    log.push('timer ran, GO set');
    Atomics.store(cells, GO, round);
    Atomics.notify(cells, GO);
  }, 0);
}

export async function main(): Promise<Result> {
  // Two shared cells, and one worker that serves both rounds.
  const cells = new Int32Array(new SharedArrayBuffer(8));
  const worker = spawnWorker(new URL(import.meta.url), cells);

  // 1) Atomics.wait: the loop stops, the timer waits behind it.
  const blocking: string[] = [];
  goLater(cells, 1, blocking);
  const got = Atomics.wait(cells, DONE, 0, BLOCK_MS);
  blocking.push(`Atomics.wait returned '${got}'`);
  // The loop is free again: the timer runs, the worker finishes.
  const late = atomics.waitAsync(cells, DONE, 0);
  blocking.push(`then, waiting async: '${await late.value}'`);

  // 2) Atomics.waitAsync: the same wait, as a promise.
  const nonBlocking: string[] = [];
  goLater(cells, 2, nonBlocking);
  const waiting = atomics.waitAsync(cells, DONE, 1, 10_000);
  nonBlocking.push(`waitAsync returned a promise: ${waiting.async}`);
  nonBlocking.push(`Atomics.waitAsync resolved '${await waiting.value}'`);
  await join(worker);

  // We print at the end: the log is the proof, whatever the timing.
  console.log('1) Atomics.wait on the main thread:');
  for (const line of blocking) console.log(`   ${line}`);
  console.log('2) Atomics.waitAsync:');
  for (const line of nonBlocking) console.log(`   ${line}`);
  return { blocking, nonBlocking };
}

// The same file is both sides: a worker runs work(), the entry runs main().
if (!isMainThread) work(workerInput<Int32Array>());
else if (isEntry(import.meta.url)) await main();

// Output:
// 1) Atomics.wait on the main thread:
//    Atomics.wait returned 'timed-out'
//    timer ran, GO set
//    then, waiting async: 'ok'
// 2) Atomics.waitAsync:
//    waitAsync returned a promise: true
//    timer ran, GO set
//    Atomics.waitAsync resolved 'ok'
