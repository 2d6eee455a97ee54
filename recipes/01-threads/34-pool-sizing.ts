/**
 * Sizing a pool: threads vs cores, read from piscina's histograms
 *
 * @book    DC ch. 3 "Parallelism in Python" › CPU-bound processes
 *          (`mpfib.py` with N = 1..16 workers; here threads, not processes)
 * @covers  none
 * @run     npm run recipe -- threads/pool-sizing
 * @timeout 60000
 * @see     threads/pool-map
 *
 * The book runs fib(34) through pools of 1 to 16 processes on 4 cores:
 * the time stays flat up to 4, then grows. We run one batch of CPU tasks
 * on piscina pools of 1, 2 and 4 threads (and one per core) and read the
 * pool's own statistics: `histogram.waitTime` (queued, no thread free)
 * and `histogram.runTime` (handed to a thread until done). Past the core
 * count the wall time stops falling: tasks leave piscina's queue sooner,
 * but then wait for a core inside the OS, so each one runs longer.
 * (Each pool starts its threads first: ~150 ms apiece with tsx, more on
 * a busy machine, and not part of the measurement.)
 */
import os from 'node:os';
import { isEntry, pool } from '@cookbook/shared';
import { Barrier } from '@cookbook/shared/sync';

const TASK = new URL('./30-pool-map.task.ts', import.meta.url);

// The batch: 16 prime counts of ~20 ms each.
export const TASKS = 16;
export const LIMIT = 150_000;
// One thread, one per core, and twice as many as cores: the third row
// shows what threads beyond the cores add (waiting), on any machine.
export const CORES = Math.max(2, os.availableParallelism());
export const SIZES = [1, CORES, 2 * CORES];

export interface Row {
  threads: number;
  results: number[];
  /** Tasks the pool finished, warm-up included. */
  completed: number;
  /** Samples in the runTime histogram after we reset it. */
  runCount: number;
}

// piscina's summaries hold no sample count; the handler behind them
// does (a non-enumerable `histogram` field, read here defensively).
function runCount(h: object): number {
  const inner: unknown = Reflect.get(h, 'histogram');
  const n: unknown =
    typeof inner === 'object' && inner ? Reflect.get(inner, 'runTimeCount')
      : undefined;
  return typeof n === 'number' ? n : -1;
}

async function runBatch(threads: number): Promise<Row> {
  const p = pool(TASK, {
    minThreads: threads,
    maxThreads: threads,
    name: 'countPrimes',
  });
  try {
    // Start-up is not what we measure: once `threads` tasks meet at a
    // barrier, every thread is up. Then we clear the histograms.
    const barrier = new Barrier(threads);
    await Promise.all(Array.from({ length: threads }, () =>
      p.run(barrier.shared, { name: 'meet' })));
    p.histogram.resetRunTime();
    p.histogram.resetWaitTime();

    const t0 = performance.now();
    const results: number[] = await Promise.all(
      Array.from({ length: TASKS }, () => p.run(LIMIT)));
    const wall = performance.now() - t0;

    // Summaries are in milliseconds. "busy" is the share of the
    // threads' time spent running tasks. (piscina 5.3.2's own
    // `pool.utilization` divides the mean by 1000 twice: 1000x too
    // small, and it counts from the pool's creation, not the batch.)
    const { runTime, waitTime } = p.histogram;
    const busy = (runTime.mean * TASKS) / (wall * threads);
    const f = (ms: number): string => ms.toFixed(0).padStart(3);
    console.log(`${String(threads).padStart(7)}  ${f(wall)} ms   ` +
      `${f(runTime.p50)} ms   ${f(waitTime.p50)} / ${f(waitTime.p99)} ` +
      `ms   ${f(100 * busy)}%`);
    return {
      threads,
      results,
      completed: p.completed,
      runCount: runCount(p.histogram),
    };
  } finally {
    await p.destroy();
  }
}

export async function main(): Promise<Row[]> {
  // What piscina picks when we choose nothing (piscinajs/piscina#147).
  const d = pool(TASK);
  console.log(`cores ${os.availableParallelism()}; piscina's defaults: ` +
    `minThreads ${d.minThreads}, maxThreads ${d.maxThreads}, ` +
    `atomics ${d.options.atomics}`);
  await d.destroy();

  console.log(`${TASKS} tasks: primes below ${LIMIT}`);
  console.log('threads  wall     run p50  wait p50 / p99  busy');
  const rows: Row[] = [];
  for (const threads of SIZES) rows.push(await runBatch(threads));
  return rows;
}

if (isEntry(import.meta.url)) await main();

// Output:
// cores {*}; piscina's defaults: minThreads {*}, maxThreads {*}, atomics sync
// 16 tasks: primes below 150000
// threads  wall     run p50  wait p50 / p99  busy
//       1  {*}
//       {*}
//       {*}
