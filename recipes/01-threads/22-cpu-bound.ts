/**
 * CPU-bound threads: no GIL, real speed-up
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple threads (CPU-bound
 *          threads and the GIL)
 * @book    DC ch. 3 "Parallelism in Python" › Thread-pool executor
 * @python  fib.py, mtfib.py
 * @covers  T16
 * @run     npm run recipe -- threads/cpu-bound
 * @see     threads/cost, threads/pool-map
 *
 * The book runs recursive fib(34) on N threads, raw and through a
 * ThreadPoolExecutor: N jobs take N times as long, because the GIL lets
 * one thread compute at a time. Node has no GIL: each worker is a V8
 * isolate on its own OS thread, so N jobs on N workers take about as
 * long as one, up to the number of cores. We time only the work: the
 * clock starts once every worker is up (a TypeScript worker takes
 * ~150 ms to start on Node 20), as a long-lived pool would run.
 * 22-cpu-bound.bench.ts measures the same lesson on a Mandelbrot image.
 */
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import {
  isEntry,
  joinAll,
  nextMessage,
  pool,
  spawnWorker,
} from '@cookbook/shared';
import { Barrier } from '@cookbook/shared/sync';
import { fib, type FibDone } from './22-cpu-bound.task.ts';

// The book's fib(34): about 0.1 s of pure recursion per job in V8.
export const N = 34;
// How many jobs run at once: 1, then as many as this machine's 2 cores.
export const JOBS = [1, 2];

const TASK = new URL('./22-cpu-bound.task.ts', import.meta.url);

// ── Worker side ────────────────────────────────────────────────────
// A worker says it is ready, then computes the one job it is sent.
// With its only listener gone, the worker has nothing left and exits.
function work(): void {
  parentPort?.once('message', (n: number) => {
    parentPort?.postMessage({ value: fib(n), threadId } satisfies FibDone);
  });
  parentPort?.postMessage('ready');
}

// ── Main side ──────────────────────────────────────────────────────
type Way = 'serial' | 'workers' | 'pool';

export interface Run {
  way: Way;
  jobs: number;
  values: number[];
  threadIds: number[];
  ms: number;
}

async function timed(way: Way, jobs: number,
  go: () => Promise<FibDone[]>): Promise<Run> {
  const started = performance.now();
  const done = await go();
  const ms = performance.now() - started;
  return { way, jobs, ms, values: done.map((d) => d.value),
    threadIds: done.map((d) => d.threadId) };
}

// Python's `for i in range(N): fib(34)` on the main thread.
function serial(jobs: number): Promise<Run> {
  return timed('serial', jobs, async () =>
    Array.from({ length: jobs }, () => ({ value: fib(N), threadId })));
}

// One raw worker per job, like the book's `Thread(target=fib)`.
async function onWorkers(jobs: number): Promise<Run> {
  const workers = Array.from({ length: jobs },
    () => spawnWorker(new URL(import.meta.url)));
  try {
    await Promise.all(workers.map((w) => nextMessage<string>(w)));
    const run = await timed('workers', jobs, () => Promise.all(
      workers.map((w) => {
        const done = nextMessage<FibDone>(w);
        w.postMessage(N);
        return done;
      })));
    await joinAll(workers);
    return run;
  } finally {
    // They have exited by now, unless something failed on the way.
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

// A piscina pool of `jobs` threads: Python's ThreadPoolExecutor.
async function onPool(jobs: number): Promise<Run> {
  const p = pool(TASK, { minThreads: jobs, maxThreads: jobs });
  try {
    const barrier = new Barrier(jobs);
    await Promise.all(Array.from({ length: jobs },
      () => p.run(barrier.shared, { name: 'meet' })));
    return await timed('pool', jobs, () => Promise.all(
      Array.from({ length: jobs }, () => p.run(N) as Promise<FibDone>)));
  } finally {
    await p.destroy();
  }
}

export interface Result {
  expected: number;
  runs: Run[];
}

export async function main(): Promise<Result> {
  const runs: Run[] = [];
  console.log(`fib(${N}) on N threads, timed once every thread is up:`);
  for (const jobs of JOBS) {
    const row = [await serial(jobs), await onWorkers(jobs),
      await onPool(jobs)];
    runs.push(...row);
    const cells = row.map((r) => `${r.way} ${(r.ms / 1000).toFixed(2)} s`);
    const label = `${jobs} job${jobs === 1 ? ':' : 's:'}`.padEnd(7);
    console.log(`  ${label} ${cells.join(', ')}`);
  }
  const expected = fib(N);
  const all = runs.flatMap((r) => r.values);
  const right = all.filter((v) => v === expected).length;
  const ids = runs.filter((r) => r.way !== 'serial')
    .map((r) => new Set(r.threadIds).size);
  console.log(`${right} of ${all.length} jobs returned ${expected}`);
  console.log(`distinct threads per parallel run: ${ids.join(' ')}`);
  return { expected, runs };
}

if (!isMainThread) work();
else if (isEntry(import.meta.url)) await main();

// Output:
// fib(34) on N threads, timed once every thread is up:
//   1 job:  serial {*} s, workers {*} s, pool {*} s
//   2 jobs: serial {*} s, workers {*} s, pool {*} s
// 9 of 9 jobs returned 5702887
// distinct threads per parallel run: 1 1 2 2
