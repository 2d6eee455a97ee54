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
 * The book runs ten jobs serially, on ten threads and on ten processes.
 * Its thread version has a bug we fix: `Thread(target=do_something(size,
 * out_list))` runs the job in the main thread, so "multithreading" is
 * serial (and with the bug fixed, the GIL would keep it at serial speed).
 */
import os from 'node:os';
import { isEntry, pool } from '@cookbook/shared';
import { ProcessPool } from '@cookbook/shared/process-pool';
import doSomething, { type Done } from './10-serial-threads-processes.task.ts';

// The book's 10 jobs; its 10 000 000 appends per job, divided by ten so
// the recipe stays short (`npm run bench -- processes` does full size).
export const JOBS = 10;
export const SIZE = 1_000_000;
const TASK = new URL('./10-serial-threads-processes.task.ts',
  import.meta.url);

// A timed run: the jobs' results, the seconds they took, and the
// start-up of the pool, which is reported but not timed: a TypeScript
// child costs a few hundred ms to start, which is not the jobs' cost.
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

// Serial: the ten jobs one after another, on the main thread.
export function serial(): Promise<Timed> {
  return timed(() => sizes().map(doSomething));
}

// Threads: a piscina pool, one thread per core. Node has no GIL, so
// worker threads run JavaScript on every core at once.
export async function threads(size: number): Promise<Timed> {
  const started = performance.now();
  const p = pool(TASK, { minThreads: size, maxThreads: size });
  try {
    // An empty job per thread first, so every thread is up before timing.
    await Promise.all(Array.from({ length: size }, () => p.run(0)));
    const startupSeconds = (performance.now() - started) / 1000;
    const result = await timed(() => Promise.all(sizes().map(
      (n) => p.run(n) as Promise<Done>)));
    return { ...result, startupSeconds };
  } finally {
    await p.destroy();
  }
}

// Processes: our ProcessPool, one child per core; `ready()` waits until
// each child has loaded the task, so the timing holds only the jobs.
export async function processes(size: number): Promise<Timed> {
  const started = performance.now();
  await using p = new ProcessPool(TASK, { size });
  await p.ready();
  const startupSeconds = (performance.now() - started) / 1000;
  const result = await timed(() => p.map<number, Done>(sizes()));
  return { ...result, startupSeconds };
}

// The three runs, for the test and for the printout.
export interface Result {
  serial: Timed;
  threads: Timed;
  processes: Timed;
}

// The three ways in a row, each on the same ten jobs; pools are sized to
// the cores, not to the jobs, as the book's ten threads would be.
export async function main(): Promise<Result> {
  const cores = os.availableParallelism();
  // One after another, never overlapping: each run has every core.
  const s = await serial();
  const t = await threads(cores);
  const p = await processes(cores);
  // The book's printed lines, with each pool's start-up shown apart.
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
