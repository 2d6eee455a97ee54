/**
 * Defining a thread subclass
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Defining a thread subclass
 * @book    1e ch. 2 "Thread-based Parallelism" › How to use a thread in a
 *          subclass
 * @python  Chapter02/MyThreadClass.py
 * @covers  T4
 * @run     npm run recipe -- threads/thread-subclass
 * @see     threads/lock-granularity — the same threads under a lock
 *
 * Python subclasses `threading.Thread` and overrides `run()`; `start()`
 * calls `run()` on a new thread that shares the object. A Node worker
 * cannot share an object: it loads this module again, so our small
 * `Thread` base class sends the constructor arguments across and the
 * worker rebuilds the object there before calling `run()`. Nine threads
 * sleep for different times and overlap (a shared gauge counts how many
 * sleep at once); every thread reports the same process ID. The total is
 * the longest sleep plus start-up: a TypeScript worker costs ~150 ms to
 * start on Node 20 (tsx's loader runs in each one; see threads/cost).
 */
import {
  isMainThread,
  parentPort,
  threadId,
  type Worker,
} from 'node:worker_threads';
import { isEntry, join, spawnWorker, workerInput } from '@cookbook/shared';

// The book draws random durations of 1-10 s; we fix nine distinct ones
// (in ms) so every run tells the same story, just faster.
const DURATIONS_MS = [300, 700, 100, 900, 500, 200, 800, 400, 600];

// Indexes into the shared gauge.
const NOW = 0;
const PEAK = 1;

// ── A Thread base class, in the spirit of Python's ─────────────────
// `run()` executes inside the worker; `start()`/`join()` on the main
// side. `module` is the file that defines the subclass.
abstract class Thread<Args> {
  readonly args: Args;
  #worker: Worker | undefined;

  constructor(args: Args) {
    this.args = args;
  }

  protected abstract get module(): URL;
  abstract run(): void;

  start(onMessage: (message: unknown) => void): void {
    this.#worker = spawnWorker(this.module, this.args);
    this.#worker.on('message', onMessage);
  }

  join(): Promise<number> {
    if (!this.#worker) throw new Error('join() before start()');
    return join(this.#worker);
  }
}

// ── The subclass: what each thread does ────────────────────────────
interface Args {
  name: string;
  durationMs: number;
  /** Shared cells: [threads asleep now, most ever asleep at once]. */
  gauge: Int32Array;
}

interface Report {
  name: string;
  event: 'running' | 'over';
  pid: number;
  threadId: number;
}

class MyThreadClass extends Thread<Args> {
  protected get module(): URL {
    return new URL(import.meta.url);
  }

  override run(): void {
    const { name } = this.args;
    const report = (event: Report['event']): void => {
      const r: Report = { name, event, pid: process.pid, threadId };
      parentPort?.postMessage(r);
    };
    report('running');
    const { gauge } = this.args;
    const asleep = Atomics.add(gauge, NOW, 1) + 1;
    // Keep the peak: retry if another thread raised it meanwhile.
    for (let peak = Atomics.load(gauge, PEAK); asleep > peak;) {
      const seen = Atomics.compareExchange(gauge, PEAK, peak, asleep);
      if (seen === peak) break;
      peak = seen;
    }
    // A blocking sleep, as `time.sleep` is in the book's thread.
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, this.args.durationMs);
    Atomics.sub(gauge, NOW, 1);
    report('over');
  }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  reports: Report[];
  elapsedMs: number;
  /** The most threads that were asleep at the same moment. */
  peakAsleep: number;
}

export async function main(): Promise<Result> {
  const started = performance.now();
  const reports: Report[] = [];
  const gauge = new Int32Array(new SharedArrayBuffer(8));
  const threads = DURATIONS_MS.map(
    (durationMs, i) => new MyThreadClass({ name: `Thread#${i + 1}`,
      durationMs, gauge }),
  );
  for (const thread of threads) {
    thread.start((message) => {
      const r = message as Report;
      reports.push(r);
      console.log(r.event === 'running'
        ? `---> ${r.name} running, belonging to process ID ${r.pid}`
        : `---> ${r.name} over`);
    });
  }
  await Promise.all(threads.map((t) => t.join()));
  const elapsedMs = performance.now() - started;
  const peakAsleep = Atomics.load(gauge, PEAK);
  console.log('End');
  console.log(`--- ${(elapsedMs / 1000).toFixed(1)} seconds ---`);
  console.log(`at most ${peakAsleep} threads slept at once`);
  return { reports, elapsedMs, peakAsleep };
}

if (!isMainThread) new MyThreadClass(workerInput<Args>()).run();
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// ---> Thread#1 running, belonging to process ID {*}
// ---> Thread#2 running, belonging to process ID {*}
// ---> Thread#3 running, belonging to process ID {*}
// ---> Thread#4 running, belonging to process ID {*}
// ---> Thread#5 running, belonging to process ID {*}
// ---> Thread#6 running, belonging to process ID {*}
// ---> Thread#7 running, belonging to process ID {*}
// ---> Thread#8 running, belonging to process ID {*}
// ---> Thread#9 running, belonging to process ID {*}
// ---> Thread#1 over
// ---> Thread#2 over
// ---> Thread#3 over
// ---> Thread#4 over
// ---> Thread#5 over
// ---> Thread#6 over
// ---> Thread#7 over
// ---> Thread#8 over
// ---> Thread#9 over
// End
// --- {*} seconds ---
// at most {*} threads slept at once
