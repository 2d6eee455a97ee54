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
 * longest sleep). Our lock is the Mutex of shared/src/sync/mutex.ts.
 * Counters, not clocks, prove the difference: a shared log of events
 * and a peak gauge of how many threads sleep at the same moment.
 */
import { isMainThread } from 'node:worker_threads';
import {
  blockingSleep, gaugeDown, gaugePeak, gaugeUp, isEntry, joinAll, newGauge,
  spawnWorker, workerInput,
} from '@cookbook/shared';
import {
  Barrier, Mutex, type BarrierShared, type MutexShared,
} from '@cookbook/shared/sync';

// The book's nine random 1-10 s sleeps, as four fixed ones in ms.
const SLEEPS_MS = [120, 60, 160, 90];

// Thread n's job. The shared event `log`: cell 0 is the next free
// slot, then entries +n ("---> Thread#n running") and -n ("---> Thread#n
// over"). `times`: the Date.now() at which the start line opened (cell
// 0) and thread n ended (cell n); main reads them after the join.
interface Job {
  n: number; wholeRun: boolean; mutex: MutexShared; start: BarrierShared;
  log: Int32Array; gauge: Int32Array; times: Float64Array;
}

// ── Worker side ────────────────────────────────────────────────────
// Atomics.add claims a slot, so two threads never write the same cell.
function record(log: Int32Array, entry: number): void {
  Atomics.store(log, 1 + Atomics.add(log, 0, 1), entry);
}

// Each worker runs this once: the body of the book's run() method.
function run({ n, wholeRun, mutex, start, log, gauge, times }: Job) {
  // All line up first at a Barrier (shared/src/sync/barrier.ts), as a
  // worker's start outlasts a sleep; the last to arrive notes the time.
  // The lock arrives as shared memory; we wrap it back into a Mutex.
  const lock = Mutex.from(mutex);
  const barrier = Barrier.from(start);
  if (barrier.wait() === barrier.parties - 1) times[0] = Date.now();
  // Python's `with threadLock:` becomes an explicit lock() and unlock().
  lock.lock();
  record(log, n); // "---> Thread#n running"
  if (!wholeRun) lock.unlock(); // MyThreadClass_lock_2.py
  // The sleep stands in for work; only the first round sleeps locked.
  gaugeUp(gauge); // the gauge brackets the sleep (threads/thread-subclass)
  blockingSleep(SLEEPS_MS[n - 1] ?? 0);
  gaugeDown(gauge);
  record(log, -n); // "---> Thread#n over"
  if (wholeRun) lock.unlock(); // MyThreadClass_lock.py
  // Each thread writes only its own cell, so this needs no lock.
  times[n] = Date.now();
}

// ── Main side ──────────────────────────────────────────────────────
// `alternates`: each "running" is followed at once by the same thread's
// "over". `elapsedMs`: from the start line to the last "over".
export interface Run {
  log: number[]; alternates: boolean; peakAsleep: number; elapsedMs: number;
}
export interface Result { wholeRun: Run; firstPrintOnly: Run }

// One round of the book's program: four workers, one lock, one log.
async function runAll(wholeRun: boolean): Promise<Run> {
  const count = SLEEPS_MS.length;
  // Workers share no objects, so all shared state is SharedArrayBuffers.
  const ints = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
  const shared = { wholeRun, mutex: new Mutex().shared, gauge: newGauge(),
    log: ints(1 + 2 * count), start: new Barrier(count).shared,
    times: new Float64Array(new SharedArrayBuffer(8 * (1 + count))) };
  // We spawn one worker per sleep from this same file and wait for all.
  await joinAll(SLEEPS_MS.map((_, i) =>
    spawnWorker(new URL(import.meta.url), { ...shared, n: i + 1 })));
  // Then we read the log: cell 0 was the counter, the rest are events.
  const entries = [...shared.log.subarray(1)];
  const alternates = entries.every((e, i) => i % 2 === 0 ? e > 0
    : e === -(entries[i - 1] ?? 0));
  // Time runs from the start line to whichever thread ended last.
  const { times, gauge } = shared;
  const elapsedMs = Math.max(...times.subarray(1)) - (times[0] ?? 0);
  return { log: entries, alternates, elapsedMs, peakAsleep: gaugePeak(gauge) };
}

// The book prints each event; we print what the log of events shows.
function show(title: string, r: Run, total: string): void {
  console.log(title);
  console.log(`  each running followed by its own over: ${r.alternates}`);
  console.log(`  most threads asleep at once: ${r.peakAsleep}`);
  console.log(`  took ${r.elapsedMs} ms after the start (${total})`);
}

// The book's two programs, one after the other: first the whole run()
// under the lock, then only the first print.
export async function main(): Promise<Result> {
  const sum = SLEEPS_MS.reduce((a, b) => a + b, 0);
  const wholeRun = await runAll(true);
  show('whole run() under the lock:', wholeRun, `sleeps sum to ${sum} ms`);
  const firstPrintOnly = await runAll(false);
  show('only the first print under the lock:', firstPrintOnly,
    `longest sleep ${Math.max(...SLEEPS_MS)} ms`);
  return { wholeRun, firstPrintOnly };
}

// In a worker we run one thread's job; as the entry point, main().
if (!isMainThread) run(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// whole run() under the lock:
//   each running followed by its own over: true
//   most threads asleep at once: 1
//   took {*} ms after the start (sleeps sum to 430 ms)
// only the first print under the lock:
//   each running followed by its own over: false
//   most threads asleep at once: {*}
//   took {*} ms after the start (longest sleep 160 ms)
