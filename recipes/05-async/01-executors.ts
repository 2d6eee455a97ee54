/**
 * Using concurrent.futures: sequential vs thread vs process executor
 *
 * @book    2e ch. 5 "Asynchronous Programming" › Using the
 *          concurrent.futures Python module
 * @book    1e ch. 4 "Asynchronous Programming" › Using the
 *          concurrent.futures Python modules
 * @python  Chapter05/concurrent_futures_pooling.py
 * @covers  A1
 * @run     npm run recipe -- async/executors
 * @see     async/future-lifecycle, threads/pool-map
 * @timeout 120000
 *
 * The book counts to ten million for each item 1..10 in a plain loop, a
 * ThreadPoolExecutor(5) and a ProcessPoolExecutor(5): only processes
 * gain (the GIL). Ours are the executors of `@cookbook/shared/futures`
 * (piscina threads, ProcessPool children); Node's threads have no GIL.
 * Fixed: `time.clock()` (gone in Python 3.8); the 1st edition threw its
 * results away. An item takes V8 ~10 ms, less than starting 5 workers:
 * `npm run bench -- async/executors` measures it with 10x the iterations.
 */
import os from 'node:os';
import { isEntry } from '@cookbook/shared';
import { ProcessExecutor, ThreadExecutor, type Executor }
  from '@cookbook/shared/futures';
import evaluate, { type Done, type Job } from './01-executors.task.ts';

// The book's items, loop length, pool size, and the workers' file.
export const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const ITERATIONS = 10_000_000;
const POOL = { maxWorkers: 5 };
export const TASK = new URL('./01-executors.task.ts', import.meta.url);

// One job per item. A job is plain data: it is copied to the worker
// (structured clone), where Python would pickle the arguments.
const jobs = (iterations: number): Job[] =>
  ITEMS.map((item) => ({ item, iterations }));

/** The book's first loop: one item after another, on this thread. */
export function countSequential(iterations = ITERATIONS): Done[] {
  return jobs(iterations).map(evaluate);
}

/** Every item through an executor; `map` keeps the input order. */
export async function countWith(executor: Executor<Job, Done>,
  iterations = ITERATIONS): Promise<Done[]> {
  const done: Done[] = [];
  // Python's map returns a generator; ours is an async one, awaited.
  for await (const d of executor.map(jobs(iterations))) done.push(d);
  return done;
}

// The book's `with` block: leaving it (`await using`) shuts the pool
// down and waits for it, so the result must be awaited inside.
async function inPool(executor: Executor<Job, Done>): Promise<Done[]> {
  await using pool = executor;
  return await countWith(pool);
}

// The book prints every item's result after each run. We print them
// once, then say whether each pool's results (in input order) match.
function report(label: string, done: Done[], startMs: number,
  reference?: Done[]): void {
  const s = ((performance.now() - startMs) / 1000).toFixed(2);
  // The first run prints its results; the others compare with it.
  if (reference === undefined) {
    for (const d of done) console.log(`Item ${d.item}, result ${d.result}`);
  } else {
    const same = done.every((d, i) => d.result === reference[i]?.result);
    console.log(`${label}: ${done.length} results, in order, ` +
      `equal to sequential: ${same}`);
  }
  console.log(`${label} Execution in ${s} seconds`);
}

// Every item's result from each of the three runs, in input order.
export type Result = { sequential: Done[]; threads: Done[];
  processes: Done[] };

export async function main(): Promise<Result> {
  // 1) The plain loop, on the main thread.
  let start = performance.now();
  const sequential = countSequential();
  report('Sequential', sequential, start);

  // 2) Five worker threads, their start-up and shut-down in the time.
  start = performance.now();
  const threads = await inPool(new ThreadExecutor<Job, Done>(TASK, POOL));
  report('Thread Pool', threads, start, sequential);

  // 3) Five child processes: the same calls, a different executor.
  start = performance.now();
  const processes = await inPool(new ProcessExecutor<Job, Done>(TASK, POOL));
  report('Process Pool', processes, start, sequential);

  // Each task reported its thread and process: count the distinct ones.
  const where = (d: Done[], key: 'pid' | 'threadId'): number =>
    new Set(d.map((x) => x[key])).size;
  console.log(`ran on: ${where(threads, 'threadId')} threads, ` +
    `${where(processes, 'pid')} processes; ` +
    `cores ${os.availableParallelism()}`);
  // The book's own times (the GIL shows in the thread pool's).
  console.log('book (1st ed., translator\'s run): sequential 7.94 s, ' +
    'thread pool 7.63 s,\n  process pool 4.79 s');
  return { sequential, threads, processes };
}

// Run as a script (not imported by the test): the three runs.
if (isEntry(import.meta.url)) await main();

// Output:
// Item 1, result 10000000
// Item 2, result 20000000
// Item 3, result 30000000
// Item 4, result 40000000
// Item 5, result 50000000
// Item 6, result 60000000
// Item 7, result 70000000
// Item 8, result 80000000
// Item 9, result 90000000
// Item 10, result 100000000
// Sequential Execution in {*} seconds
// Thread Pool: 10 results, in order, equal to sequential: true
// Thread Pool Execution in {*} seconds
// Process Pool: 10 results, in order, equal to sequential: true
// Process Pool Execution in {*} seconds
// ran on: {*} threads, {*} processes; cores {*}
// book (1st ed., translator's run): sequential 7.94 s, thread pool 7.63 s,
//   process pool 4.79 s
