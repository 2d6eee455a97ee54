/**
 * Sizing a pool: threads vs cores, read from piscina's histograms
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes
 *          (`mpfib.py` with N = 1..16 workers; here threads, not processes)
 * @covers  none
 * @run     npm run recipe -- threads/pool-sizing
 * @timeout 60000
 * @see     threads/pool-map, threads/cpu-bound
 *
 * The book runs fib(34) through pools of 1 to 16 processes on 4 cores:
 * the time stays flat up to 4, then grows. We run one batch of CPU tasks
 * on piscina pools of one thread, one per core, and two per core, and
 * read the pool's own statistics: `histogram.waitTime` (queued, no
 * thread free) and `histogram.runTime` (on a thread until done). A peak
 * gauge in the task counts how many ran at once: as many as the pool
 * has threads, even past the cores. Those extra threads do not compute
 * faster: the tasks leave piscina's queue sooner, then wait for a core
 * inside the OS, so each runs longer and the wall time stops falling.
 */
import os from 'node:os';
import { gaugePeak, isEntry, newGauge, pool, warmUp } from '@cookbook/shared';
import type { Job } from './34-pool-sizing.task.ts';

// The task counts primes below a limit inside a peak gauge.
const TASK = new URL('./34-pool-sizing.task.ts', import.meta.url);

// The batch: 16 prime counts of ~20 ms each.
export const TASKS = 16;
export const LIMIT = 150_000;
// One thread, one per core, and two per core, whatever the core count.
export const CORES = os.availableParallelism();
export const SIZES = [...new Set([1, CORES, 2 * CORES])];

// One row per pool size: its results, the most tasks running at the
// same moment (the peak gauge), and the tasks the pool finished during
// the batch (warm-up excluded).
export interface Row {
  threads: number; results: number[]; peakRunning: number;
  completed: number;
}

// One batch on a fresh pool of `threads` threads, printed as one row.
async function runBatch(threads: number): Promise<Row> {
  const p = pool(TASK, { minThreads: threads, maxThreads: threads });
  try {
    // Start-up is not what we measure: every thread is up first (the
    // warm-up of threads/cpu-bound). Then we clear the histograms.
    await warmUp(p, threads);
    p.histogram.resetRunTime();
    p.histogram.resetWaitTime();
    const before = p.completed;

    // The whole batch at once; the clock runs until its last task ends.
    const gauge = newGauge();
    const started = performance.now();
    const results: number[] = await Promise.all(Array.from({ length: TASKS },
      () => p.run({ limit: LIMIT, gauge } satisfies Job)));
    const wall = performance.now() - started;

    // Summaries are in milliseconds. "busy" is the share of the
    // threads' time spent running tasks. (piscina 5.3.2's own
    // `pool.utilization` divides the mean by 1000 twice: 1000x too
    // small, and it counts from the pool's creation, not the batch.)
    const { runTime, waitTime } = p.histogram;
    const busy = (runTime.mean * TASKS) / (wall * threads);
    const f = (ms: number): string => ms.toFixed(0).padStart(3);
    console.log(`${String(threads).padStart(7)}  ${f(wall)} ms   ` +
      `${f(runTime.p50)} ms   ${f(waitTime.p50)} / ${f(waitTime.p99)} ` +
      `ms   ${f(100 * busy)}%   ${gaugePeak(gauge)}`);
    return { threads, results, peakRunning: gaugePeak(gauge),
      completed: p.completed - before };
  } finally {
    await p.destroy();
  }
}

// What main returns: the core count and one row per pool size.
export interface Result { cores: number; rows: Row[] }

// piscina's defaults first, then one batch per pool size.
export async function main(): Promise<Result> {
  // What piscina picks when we choose nothing (piscinajs/piscina#147).
  const d = pool(TASK);
  console.log(`cores ${CORES}; piscina's defaults: ` +
    `minThreads ${d.minThreads}, maxThreads ${d.maxThreads}, ` +
    `atomics ${d.options.atomics}`);
  await d.destroy();

  // Then the table: one row per pool size, as each batch ends.
  console.log(`${TASKS} tasks: primes below ${LIMIT}`);
  console.log('threads  wall     run p50  wait p50 / p99  busy  at once');
  const rows: Row[] = [];
  for (const threads of SIZES) rows.push(await runBatch(threads));
  return { cores: CORES, rows };
}

// Run as the entry, this file prints the defaults and the table.
if (isEntry(import.meta.url)) await main();

// Output:
// cores {*}; piscina's defaults: minThreads {*}, maxThreads {*}, atomics sync
// 16 tasks: primes below 150000
// threads  wall     run p50  wait p50 / p99  busy  at once
//       1  {*}
//       {*}
//       {*}
