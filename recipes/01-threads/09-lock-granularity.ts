/**
 * Thread synchronization with a lock: how much to lock
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with a lock
 * @python  Chapter02/MyThreadClass_lock.py, MyThreadClass_lock_2.py
 * @covers  T6
 * @run     npm run recipe -- threads/lock-granularity
 * @timeout 60000
 * @see     threads/thread-subclass, threads/lock
 *
 * The book runs its nine sleeping threads twice: with the whole `run()`
 * inside one `threading.Lock` they go one at a time (total = sum of the
 * sleeps), with only the first print locked they overlap (total = the
 * longest sleep). Our lock is the Mutex of shared/src/sync/mutex.ts, a
 * three-state futex on one int32 cell. We prove the difference with
 * counters, not clocks: a shared log of "running"/"over" events and a
 * gauge of how many threads sleep at the same moment.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import {
  Barrier,
  type BarrierShared,
  Mutex,
  type MutexShared,
} from '@cookbook/shared/sync';

// The book draws 1-10 s at random; four fixed sleeps (ms) tell the
// same story in a fraction of a second.
const SLEEPS_MS = [120, 60, 160, 90];

// Cells of the shared `stats` array; the event log follows them.
const NOW = 0; // threads asleep right now
const PEAK = 1; // most threads ever asleep at once
const NEXT = 2; // next free slot in the log
const STARTED = 3; // ms after `base` when the start line opened
const ENDED = 4; // ms after `base` when the last thread finished
const LOG = 5; // log entries: +n = thread n running, -n = thread n over

interface Job {
  n: number; // 1-based thread number
  wholeRun: boolean;
  mutex: MutexShared;
  start: BarrierShared;
  stats: Int32Array;
  base: number; // the main thread's clock reading, in epoch ms
}

// ── Worker side ────────────────────────────────────────────────────
function record(stats: Int32Array, entry: number): void {
  Atomics.store(stats, LOG + Atomics.add(stats, NEXT, 1), entry);
}

// Raises a cell to `value`; if another thread raised it meanwhile, the
// swap fails and we look again.
function raise(stats: Int32Array, cell: number, value: number): void {
  for (let seen = Atomics.load(stats, cell); value > seen;) {
    const was = Atomics.compareExchange(stats, cell, seen, value);
    if (was === seen) break;
    seen = was;
  }
}

// `Atomics.wait` is a worker's `time.sleep`; the gauge brackets it.
function sleep(stats: Int32Array, ms: number): void {
  raise(stats, PEAK, Atomics.add(stats, NOW, 1) + 1);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  Atomics.sub(stats, NOW, 1);
}

// Milliseconds since the main thread's `base` (epoch-based, as each
// thread's `performance.now()` counts from its own start).
const since = (base: number): number =>
  Math.round(performance.timeOrigin + performance.now() - base);

function run({ n, wholeRun, mutex, start, stats, base }: Job): void {
  const lock = Mutex.from(mutex);
  // Every thread lines up first, as if all were started at once:
  // starting a TypeScript worker takes ~150 ms, longer than a sleep.
  // The last to arrive notes when the race began.
  const barrier = Barrier.from(start);
  if (barrier.wait() === barrier.parties - 1) {
    Atomics.store(stats, STARTED, since(base));
  }
  lock.lock();
  record(stats, n); // "---> Thread#n running"
  if (!wholeRun) lock.unlock(); // MyThreadClass_lock_2.py
  sleep(stats, SLEEPS_MS[n - 1] ?? 0);
  record(stats, -n); // "---> Thread#n over"
  if (wholeRun) lock.unlock(); // MyThreadClass_lock.py
  raise(stats, ENDED, since(base));
}

// ── Main side ──────────────────────────────────────────────────────
export interface Run {
  log: number[];
  /** Each "running" is followed at once by the same thread's "over". */
  alternates: boolean;
  peakAsleep: number;
  /** From the start line to the last "over" (worker start-up aside). */
  elapsedMs: number;
}

export interface Result {
  wholeRun: Run;
  firstPrintOnly: Run;
}

async function runAll(wholeRun: boolean): Promise<Run> {
  const base = performance.timeOrigin + performance.now();
  const count = SLEEPS_MS.length;
  const stats = new Int32Array(new SharedArrayBuffer(4 * (LOG + 2 * count)));
  const mutex = new Mutex().shared;
  const start = new Barrier(count).shared;
  await joinAll(SLEEPS_MS.map((_, i) => spawnWorker(new URL(import.meta.url),
    { n: i + 1, wholeRun, mutex, start, stats, base } satisfies Job)));
  const log = [...stats.subarray(LOG)];
  const alternates = log.every((e, i) => i % 2 === 0 ? e > 0
    : e === -(log[i - 1] ?? 0));
  const peakAsleep = Atomics.load(stats, PEAK);
  const elapsedMs = Atomics.load(stats, ENDED) - Atomics.load(stats, STARTED);
  return { log, alternates, peakAsleep, elapsedMs };
}

function show(title: string, r: Run, total: string): void {
  const order = r.log.map((e) => (e > 0 ? 'R' : 'O')).join(' ');
  console.log(title);
  console.log(`  running/over order: ${order}`);
  console.log(`  each running followed by its own over: ${r.alternates}`);
  console.log(`  most threads asleep at once: ${r.peakAsleep}`);
  console.log(`  took ${r.elapsedMs} ms after the start (${total})`);
}

export async function main(): Promise<Result> {
  const sum = SLEEPS_MS.reduce((a, b) => a + b, 0);
  const wholeRun = await runAll(true);
  show('whole run() under the lock:', wholeRun, `sleeps sum to ${sum} ms`);
  const firstPrintOnly = await runAll(false);
  show('only the first print under the lock:', firstPrintOnly,
    `longest sleep ${Math.max(...SLEEPS_MS)} ms`);
  return { wholeRun, firstPrintOnly };
}

if (!isMainThread) run(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Try it: lock only the sleep, and watch the peak fall back to 1.
// Output:
// whole run() under the lock:
//   running/over order: R O R O R O R O
//   each running followed by its own over: true
//   most threads asleep at once: 1
//   took {*} ms after the start (sleeps sum to 430 ms)
// only the first print under the lock:
//   running/over order: {*}
//   each running followed by its own over: false
//   most threads asleep at once: {*}
//   took {*} ms after the start (longest sleep 160 ms)
