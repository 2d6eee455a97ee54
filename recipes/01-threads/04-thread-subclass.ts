/**
 * Defining a thread subclass
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Defining a thread subclass
 * @book    1e ch. 2 "Thread-based Parallelism" › How to use a thread in a
 *          subclass
 * @python  Chapter02/MyThreadClass.py
 * @covers  T4
 * @run     npm run recipe -- threads/thread-subclass
 * @timeout 60000
 * @see     threads/lock-granularity — the same threads under a lock
 *
 * Python subclasses `threading.Thread` and overrides `run()`; `start()`
 * runs it on a new thread that shares the object. A Node worker cannot
 * share an object: it loads this module again, so our `Thread` base
 * class (shared/src/thread.ts says how it is built) sends the arguments
 * across, and the worker rebuilds the object to call `run()`. Nine
 * threads sleep for different times and overlap, in one process; the
 * total is the longest sleep plus the workers' start-up (threads/cost).
 */
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import {
  blockingSleep, gaugeDown, gaugePeak, gaugeUp, isEntry, newGauge, Thread,
  workerInput,
} from '@cookbook/shared';

// The book draws random durations of 1-10 s; we fix nine distinct ones
// (in ms) so every run tells the same story, just faster.
const DURATIONS_MS = [300, 700, 100, 900, 500, 200, 800, 400, 600];

// ── The subclass: what each thread does ────────────────────────────
// Its arguments cross to the worker, so they are plain data: a name, a
// sleep, and a peak gauge (how many sleep now, and the most at once).
interface Args { name: string; durationMs: number; gauge: Int32Array }

// Each thread posts one Report as it starts and one as it ends.
export interface Report {
  name: string; event: 'running' | 'over'; pid: number; threadId: number;
}

// We extend our Thread base class as Python extends threading.Thread.
// A worker loads a file, not an object, so the class names this file.
class MyThreadClass extends Thread<Args> {
  protected readonly module = new URL(import.meta.url);

  // run() is what each worker executes, like Python's overridden run().
  override run(): void {
    const { name } = this.args;
    // A worker shares no memory with main's list, so we post each event.
    const report = (event: Report['event']): void => {
      const r: Report = { name, event, pid: process.pid, threadId };
      parentPort?.postMessage(r);
    };
    report('running');
    // The gauge proves with a counter, not a clock, that sleeps overlap:
    // gaugeUp counts us in and raises "most ever" (shared/src/idioms.ts).
    gaugeUp(this.args.gauge);
    blockingSleep(this.args.durationMs); // time.sleep, fine on a worker
    // Awake again: we leave the gauge, then tell main we are done.
    gaugeDown(this.args.gauge);
    report('over');
  }
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns: every report, the time, and the most threads that
// were asleep at the same moment.
export interface Result {
  reports: Report[]; elapsedMs: number; peakAsleep: number;
}

// We start all nine, collect their reports, and time the whole run.
export async function main(): Promise<Result> {
  const started = performance.now();
  const reports: Report[] = [];
  const gauge = newGauge();
  // Constructing a thread only stores its arguments; nothing runs yet.
  const threads = DURATIONS_MS.map((durationMs, i) =>
    new MyThreadClass({ name: `Thread#${i + 1}`, durationMs, gauge }));
  // start() spawns a worker and hands its messages to our callback.
  for (const thread of threads) {
    thread.start((message) => {
      const r = message as Report;
      reports.push(r);
      console.log(r.event === 'running'
        ? `---> ${r.name} running, belonging to process ID ${r.pid}`
        : `---> ${r.name} over`);
    });
  }
  // join() is a Promise here, so we await all nine instead of blocking.
  await Promise.all(threads.map((t) => t.join()));
  const elapsedMs = performance.now() - started;
  const peakAsleep = gaugePeak(gauge);
  console.log('End');
  console.log(`--- ${(elapsedMs / 1000).toFixed(1)} seconds ---`);
  console.log(`at most ${peakAsleep} threads slept at once`);
  return { reports, elapsedMs, peakAsleep };
}

// In a worker this file rebuilds its thread and runs it; as entry, main().
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
