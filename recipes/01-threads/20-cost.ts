/**
 * What a thread costs: the book's four workloads on 1-8 workers
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Evaluating the
 *          performance of multithread applications
 * @covers  T14
 * @run     npm run recipe -- threads/cost
 * @timeout 120000
 * @see     threads/cpu-bound, threads/io-fanout
 *
 * The book times n plain calls against n threads (n = 1, 2, 4, 8; best
 * of 100) for an empty function, Fibonacci, file reads and web fetches
 * (here the local rate stub): threads never help with CPU (the GIL),
 * only with I/O. On Node a worker's start dwarfs an empty call, CPU work
 * speeds up to the core count, and I/O is asynchronous already.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { isEntry, runWorkers } from '@cookbook/shared';
import { startRateStub } from '@cookbook/shared/services/rate-stub';
import { run, workloads, type Job } from './20-cost.task.ts';

// The book's n, and how many repeats we keep the best of: 3, but a
// worker's start dwarfs any noise, so workers are timed once.
export const COUNTS = [1, 2, 4, 8];
const [REPEATS, WORKER_REPEATS] = [3, 1];
// The file each read call walks through, 1 KB at a time.
export const FILE_BYTES = 1024 * 1000;
// The book's published threads row for the empty function.
const BOOK = 'book, empty function, threads (Core 2 Duo): n=4 0.71, n=8 1.40';

// ── Three ways to make n calls ─────────────────────────────────────
// The book's non_threaded(n) and threaded(n), and Node's own: all n
// calls at once on this thread, which overlaps waiting only. Each
// returns what the n calls answered.
type Way = 'serial' | 'workers' | 'Promise.all';
const TASK = new URL('./20-cost.task.ts', import.meta.url);
const WAYS: Record<Way, (job: Job, n: number) => Promise<number[]>> = {
  // One call after another, each awaited before the next starts.
  serial: async (job, n) => {
    const answers = [];
    for (let i = 0; i < n; i++) answers.push(await run(job));
    return answers;
  },
  // One worker per call: start, answer, exit, as `threaded(n)` does;
  // runWorkers (shared/src/idioms.ts) starts all n and joins all n.
  workers: (job, n) =>
    runWorkers<Job, number>(TASK, Array.from({ length: n }, () => job)),
  // All n calls started at once on this thread; then wait for all.
  'Promise.all': (job, n) =>
    Promise.all(Array.from({ length: n }, () => run(job))),
};

// ── Main side ──────────────────────────────────────────────────────
// Per n in `counts`: the fastest of the repeats, and what each of the n
// calls returned the first time.
export interface Row {
  workload: string; way: Way; bestMs: number[]; answers: number[][];
}

// Time one way of one workload at each n: keep the fastest repeat.
async function measure(workload: string, job: Job, way: Way,
  repeats: number, counts: number[]): Promise<Row> {
  const row: Row = { workload, way, bestMs: [], answers: [] };
  for (const n of counts) {
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      const answers = await WAYS[way](job, n);
      best = Math.min(best, performance.now() - started);
      if (r === 0) row.answers.push(answers);
    }
    row.bestMs.push(best);
  }
  return row;
}

// What main returns: the n it ran, and one row per workload and way.
export interface Result { counts: number[]; rows: Row[] }

// A test may ask for fewer repeats and counts: each worker start costs.
// We write the file to read and start the stub, and remove both after.
export async function main(repeats = REPEATS, counts = COUNTS,
): Promise<Result> {
  const path = joinPath(tmpdir(), `cookbook-cost-${process.pid}.dat`);
  await writeFile(path, randomBytes(FILE_BYTES));
  const stub = await startRateStub({ delayMs: 5 });
  try {
    console.log(`best of ${repeats} (workers: ${WORKER_REPEATS}), ms for ` +
      `n = ${counts.join(', ')}:`);
    const rows: Row[] = [];
    // Each workload runs each way, one printed row per way; Promise.all
    // runs only for workloads that wait on I/O.
    for (const { name: workload, job, waits } of workloads(path, stub.url)) {
      const ways: Way[] = waits ? ['serial', 'workers', 'Promise.all']
        : ['serial', 'workers'];
      for (const way of ways) {
        const row = await measure(workload, job, way,
          way === 'workers' ? WORKER_REPEATS : repeats, counts);
        rows.push(row);
        console.log(`${workload.padEnd(18)} ${way.padEnd(11)} ` +
          row.bestMs.map((ms) => ms.toFixed(1)).join(' '));
      }
    }
    // The book's own numbers, for comparison with ours.
    console.log(BOOK);
    return { counts, rows };
  } finally {
    await Promise.all([stub.close(), rm(path, { force: true })]);
  }
}

// Run as the entry, this file prints the table.
if (isEntry(import.meta.url)) await main();

// Output:
// best of 3 (workers: 1), ms for n = 1, 2, 4, 8:
// empty function     serial      {*}
// empty function     workers     {*}
// fibonacci(5000000) serial      {*}
// fibonacci(5000000) workers     {*}
// read 1 KB x 1000   serial      {*}
// read 1 KB x 1000   workers     {*}
// read 1 KB x 1000   Promise.all {*}
// fetch x 10         serial      {*}
// fetch x 10         workers     {*}
// fetch x 10         Promise.all {*}
// book, empty function, threads (Core 2 Duo): n=4 0.71, n=8 1.40
