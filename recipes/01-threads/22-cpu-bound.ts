/**
 * CPU-bound threads: no GIL, real speed-up
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple threads (fib.py)
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes
 *          (mtfib.py, the thread-pool contrast)
 * @python  fib.py, mtfib.py
 * @covers  T16
 * @run     npm run recipe -- threads/cpu-bound
 * @timeout 90000
 * @see     threads/cost, threads/pool-map
 *
 * The book runs recursive fib(34) on N = 1, 2, 3, 4 threads, raw and
 * through a ThreadPoolExecutor: N jobs take N times as long, because the
 * GIL lets one thread compute at a time. Node has no GIL: each worker is
 * a V8 isolate on its own OS thread, so N jobs take about as long as one
 * while N fits in the cores (the Mandelbrot bench shows it too).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, threadId } from 'node:worker_threads';
import {
  isEntry, joinAll, nextMessage, pool, spawnWorker, warmUp,
} from '@cookbook/shared';
import { fib, type FibDone } from './22-cpu-bound.task.ts';

// The book's fib(34) and its sweep of N, whatever our core count.
export const N = 34;
export const SWEEP = [1, 2, 3, 4];
// The book's published seconds (`time`, on the author's 4-core Mac).
const BOOK = { 'fib.py': [2.01, 4.41, 6.35, 8.54],
  'mtfib.py': [2.06, 4.47, 6.72, 9.02] };
// The pool's task file holds fib; raw workers run this file.
const TASK = new URL('./22-cpu-bound.task.ts', import.meta.url);

// A worker says it is ready, then computes the one job it is sent;
// with its only listener gone, it has nothing left and exits.
function work(): void {
  parentPort?.once('message', (n: number) => {
    parentPort?.postMessage({ value: fib(n), threadId } satisfies FibDone);
  });
  parentPort?.postMessage('ready');
}

// One timed run: which way, how many jobs, their answers, the time.
export interface Run {
  way: 'workers' | 'pool'; jobs: number; done: FibDone[]; ms: number;
}

// We time only the work, once every thread is up (what a start costs
// is the WorkerStartup suite's): from the first job to the last answer.
async function timed(way: Run['way'], jobs: number,
  go: () => Promise<FibDone[]>): Promise<Run> {
  const started = performance.now();
  const done = await go();
  return { way, jobs, done, ms: performance.now() - started };
}

// One raw worker per job, the book's Thread(target=fib). Each has said
// 'ready' before the clock starts; then each is sent N, and we wait for
// every answer, then for every worker to exit.
async function onWorkers(jobs: number): Promise<Run> {
  const workers = Array.from({ length: jobs },
    () => spawnWorker(new URL(import.meta.url)));
  await Promise.all(workers.map((w) => nextMessage<string>(w)));
  const run = await timed('workers', jobs, () => {
    for (const w of workers) w.postMessage(N);
    return Promise.all(workers.map((w) => nextMessage<FibDone>(w)));
  });
  await joinAll(workers);
  return run;
}

// A piscina pool of `jobs` threads, Python's ThreadPoolExecutor; the
// warm-up (shared/src/idioms.ts) blocks one task on every thread until
// all have started, so the timed jobs find every thread up.
async function onPool(jobs: number): Promise<Run> {
  const p = pool(TASK, { minThreads: jobs, maxThreads: jobs });
  try {
    await warmUp(p, jobs);
    return await timed('pool', jobs, () => Promise.all(
      Array.from({ length: jobs }, () => p.run(N) as Promise<FibDone>)));
  } finally {
    await p.destroy();
  }
}

// What main returns: fib(N) from this thread, the cores, every run.
export interface Result { expected: number; cores: number; runs: Run[] }

// The book's sweep, both ways at each N, beside the book's timings.
export async function main(): Promise<Result> {
  const cores = availableParallelism();
  const runs: Run[] = [];
  const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
  // What we time, and on what, next to the book's machine.
  console.log(`fib(${N}) x N, timed once every thread is up`);
  console.log(`book: the author's 4-core Mac; ours: ${cores} cores`);
  console.log('N  book fib.py  ours workers  book mtfib.py  ours pool');
  // One row per N: the book's seconds, then ours, for each way.
  for (const [i, jobs] of SWEEP.entries()) {
    const [raw, pooled] = [await onWorkers(jobs), await onPool(jobs)];
    runs.push(raw, pooled);
    console.log(`${jobs}  ${s(BOOK['fib.py'][i] ?? 0).padEnd(11)}  ` +
      `${s(raw.ms / 1000).padEnd(12)}  ` +
      `${s(BOOK['mtfib.py'][i] ?? 0).padEnd(13)}  ${s(pooled.ms / 1000)}`);
  }
  // Past the cores, N jobs share them: time grows again, as in Python.
  console.log(`past ${cores} jobs, workers share ${cores} cores`);
  // Every job must have computed the same fib(N) as this thread.
  const expected = fib(N);
  const all = runs.flatMap((r) => r.done);
  const right = all.filter((d) => d.value === expected);
  console.log(`${right.length} of ${all.length} jobs returned ${expected}`);
  return { expected, cores, runs };
}

// In a worker this file computes one job; as the entry, runs main().
if (!isMainThread) work();
else if (isEntry(import.meta.url)) await main();

// Output:
// fib(34) x N, timed once every thread is up
// book: the author's 4-core Mac; ours: {*} cores
// N  book fib.py  ours workers  book mtfib.py  ours pool
// 1  2.01 s       {*} s        2.06 s         {*} s
// 2  4.41 s       {*} s        4.47 s         {*} s
// 3  6.35 s       {*} s        6.72 s         {*} s
// 4  8.54 s       {*} s        9.02 s         {*} s
// past {*} jobs, workers share {*} cores
// 20 of 20 jobs returned 5702887
