/**
 * Introducing processes and threads: serial vs threads vs processes
 *
 * @book    2e ch. 1 "Getting Started with Parallel Computing and Python" ›
 *          Introducing processes and threads
 * @book    DC ch. 3 "Parallelism in Python" › Multiple processes
 * @python  Chapter01/serial_test.py, Chapter01/multithreading_test.py,
 *          Chapter01/multiprocessing_test.py, Chapter01/do_something.py
 * @covers  P10
 * @run     npm run recipe -- processes/serial-threads-processes
 * @timeout 60000
 * @see     threads/cpu-bound, processes/pool-map
 *
 * The book runs ten jobs that each append random floats to a list:
 * serially, on ten threads and on ten processes. Its thread version has
 * a bug: `Thread(target=do_something(size, out_list))` calls the job in
 * the main thread and hands `None` to the thread, so "multithreading" is
 * serial; with the bug fixed the GIL would still keep threads at serial
 * speed. Node has no GIL: worker threads and child processes both run
 * on every core. We run the ten jobs through a pool of each kind, sized
 * to the cores, and keep the pools' start-up out of the timing (a
 * TypeScript child costs a few hundred ms to start; we print it apart).
 * The jobs are a tenth of the book's size so the recipe stays short;
 * `npm run bench -- processes` measures the full CPU-bound comparison.
 */
import os from 'node:os';
import { isEntry, pool } from '@cookbook/shared';
import { ProcessPool } from '@cookbook/shared/process-pool';
import doSomething, {
  type Done,
} from './10-serial-threads-processes.task.ts';

// The book's 10 jobs; its 10 000 000 appends per job, divided by ten.
export const JOBS = 10;
export const SIZE = 1_000_000;
const TASK = new URL('./10-serial-threads-processes.task.ts',
  import.meta.url);

// A timed run: the jobs' results, the seconds they took, and the
// start-up of the pool, which is reported but not timed.
export interface Timed {
  jobs: Done[];
  seconds: number;
  startupSeconds: number;
}

// Times one run of the jobs, however they are spread.
async function timed(run: () => Promise<Done[]> | Done[]): Promise<Timed> {
  const started = performance.now();
  const jobs = await run();
  return { jobs, seconds: (performance.now() - started) / 1000,
    startupSeconds: 0 };
}

// Every job gets the same size.
const sizes = (): number[] => Array<number>(JOBS).fill(SIZE);

// ── Serial: the ten jobs one after another ───────────────────────────
export function serial(): Promise<Timed> {
  return timed(() => sizes().map(doSomething));
}

// ── Threads: a piscina pool, one thread per core ─────────────────────
export async function threads(size: number): Promise<Timed> {
  const started = performance.now();
  const p = pool(TASK, { minThreads: size, maxThreads: size });
  try {
    await Promise.all(Array.from({ length: size }, () => p.run(0)));
    const startupSeconds = (performance.now() - started) / 1000;
    const result = await timed(() => Promise.all(sizes().map(
      (n) => p.run(n) as Promise<Done>)));
    return { ...result, startupSeconds };
  } finally {
    await p.destroy();
  }
}

// ── Processes: our ProcessPool, one child per core ───────────────────
export async function processes(size: number): Promise<Timed> {
  const started = performance.now();
  await using p = new ProcessPool(TASK, { size });
  await p.ready();
  const startupSeconds = (performance.now() - started) / 1000;
  const result = await timed(() => p.map<number, Done>(sizes()));
  return { ...result, startupSeconds };
}

// ── Main side ────────────────────────────────────────────────────────
// The three runs, for the test and for the printout.
export interface Result {
  serial: Timed;
  threads: Timed;
  processes: Timed;
}

// The three ways in a row, each on the same ten jobs.
export async function main(): Promise<Result> {
  const cores = os.availableParallelism();
  const s = await serial();
  const t = await threads(cores);
  const p = await processes(cores);
  const secs = (x: number): string => `${x.toFixed(2)} s`;
  console.log('List processing complete.');
  console.log(`serial time= ${secs(s.seconds)}`);
  console.log(`multithreading time= ${secs(t.seconds)} ` +
    `(${cores} threads; start-up ${secs(t.startupSeconds)}, not timed)`);
  console.log(`multiprocesses time= ${secs(p.seconds)} ` +
    `(${cores} processes; start-up ${secs(p.startupSeconds)}, not timed)`);
  // The book's own scripts, run by the handbook on a 2-core machine.
  console.log('book scripts (CPython 3.11, 2 cores, 10x larger jobs):');
  console.log('  serial 12.5 s, "threads" 9.5 s (really serial), ' +
    'processes 13.7 s');
  return { serial: s, threads: t, processes: p };
}

// The pools' workers run the task file, not this one: no role here.
if (isEntry(import.meta.url)) await main();

// Output:
// List processing complete.
// serial time= {*} s
// multithreading time= {*} s ({*} threads; start-up {*} s, not timed)
// multiprocesses time= {*} s ({*} processes; start-up {*} s, not timed)
// book scripts (CPython 3.11, 2 cores, 10x larger jobs):
//   serial 12.5 s, "threads" 9.5 s (really serial), processes 13.7 s
