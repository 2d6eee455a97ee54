/**
 * What a thread costs: empty, CPU and file workloads on 1-8 workers
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Evaluating the
 *          performance of multithread applications
 * @covers  T14
 * @run     npm run recipe -- threads/cost
 * @timeout 60000
 * @see     threads/cpu-bound, threads/io-fanout
 *
 * The book times n plain calls against n threads (n = 1, 2, 4, 8) for an
 * empty function, Fibonacci loops, file reads and web fetches: threads
 * cost a little, never help with CPU (the GIL), and help with I/O. Node
 * turns two answers round. A worker is a whole V8 isolate: tens of ms
 * to start, and ~150 ms more when tsx must load in it to run TypeScript.
 * CPU work does speed up, up to the core count. File I/O is already
 * asynchronous (libuv's thread pool), so `Promise.all` overlaps it and
 * workers add only their start-up. We skip the web fetch: threads/
 * io-fanout does it against a local server.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import {
  isEntry,
  nextMessage,
  spawnWorker,
  workerInput,
} from '@cookbook/shared';
import {
  empty,
  fibonacci,
  readInChunks,
  type Workload,
} from './20-cost.task.ts';

// The book's n; one Fibonacci call takes ~0.1 s, a file read ~30 ms.
export const COUNTS = [1, 2, 4, 8];
export const FIB_ITERATIONS = 20_000_000;
export const FILE_BYTES = 1024 * 1000; // read 1 KB at a time, 1000 times

// A plain-JS worker built from a workload's source: runs it, posts the
// answer. `execArgv: []` keeps tsx's loader out of it.
function jsWorker(fn: Workload, arg: unknown): Worker {
  const source = `const { parentPort, workerData } =
    require('node:worker_threads');
  Promise.resolve((${fn.toString()})(workerData))
    .then((answer) => parentPort.postMessage(answer));`;
  return new Worker(source, { eval: true, execArgv: [], workerData: arg });
}

// ── Main side ──────────────────────────────────────────────────────
export interface Row {
  workload: string;
  n: number;
  /** Milliseconds; `async` (Promise.all) only for the file workload. */
  ms: { serial: number; async?: number; workers: number };
  answers: { serial: number[]; async?: number[]; workers: number[] };
}

async function time<T>(go: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await go();
  return [performance.now() - started, value];
}

// Start to answer to exit: the whole life of one worker. We listen for
// both at once, from the start: a late 'exit' listener would miss it.
async function answerOf(worker: Worker): Promise<number> {
  const [answer] = await Promise.all([nextMessage<number>(worker),
    once(worker, 'exit')]);
  return answer;
}

interface Job {
  name: string;
  fn: Workload;
  arg: unknown;
  /** Does it wait (so that Promise.all can overlap it)? */
  waits: boolean;
}

async function measure({ name, fn, arg, waits }: Job,
  n: number): Promise<Row> {
  const call = async (): Promise<number> => fn(arg as never);
  const calls = Array.from({ length: n }, () => call);
  // The book's non_threaded(n): one call after another.
  const [serialMs, serial] = await time(async () => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await call());
    return out;
  });
  // The book's threaded(n): n workers, started and joined.
  const [workersMs, workers] = await time(() => Promise.all(
    calls.map(() => answerOf(jsWorker(fn, arg)))));
  const row: Row = { workload: name, n,
    ms: { serial: serialMs, workers: workersMs },
    answers: { serial, workers } };
  // All n calls at once on this one thread: it overlaps waiting only,
  // so we skip it for the workloads that never wait.
  if (waits) {
    [row.ms.async, row.answers.async] = await time(() =>
      Promise.all(calls.map((c) => c())));
  }
  return row;
}

export interface Result {
  startupMs: { js: number; ts: number };
  rows: Row[];
}

const ms = (t: number): string => `${t.toFixed(1)} ms`;

export async function main(): Promise<Result> {
  // One worker each, start to exit: plain JS, then TypeScript.
  const [js] = await time(() => answerOf(jsWorker(empty, 0)));
  const [ts] = await time(() => answerOf(
    spawnWorker(new URL(import.meta.url), 0)));
  console.log(`one worker: plain JS ${ms(js)}, TypeScript ${ms(ts)}`);

  const path = join(tmpdir(), `cookbook-cost-${process.pid}.dat`);
  await writeFile(path, randomBytes(FILE_BYTES));
  try {
    const jobs: Job[] = [
      { name: 'empty function', fn: empty, arg: 0, waits: false },
      { name: `fibonacci(${FIB_ITERATIONS})`, fn: fibonacci,
        arg: FIB_ITERATIONS, waits: false },
      { name: 'read 1 KB x 1000', fn: readInChunks, arg: path,
        waits: true },
    ];
    const rows: Row[] = [];
    for (const job of jobs) {
      console.log(`${job.name}:`);
      for (const n of COUNTS) {
        const row = await measure(job, n);
        rows.push(row);
        const overlap = row.ms.async === undefined ? ''
          : `, Promise.all ${ms(row.ms.async)}`;
        console.log(`  n=${n}: serial ${ms(row.ms.serial)}, ` +
          `workers ${ms(row.ms.workers)}${overlap}`);
      }
    }
    const agree = rows.every((r) => r.answers.workers.length === r.n &&
      r.answers.workers.every((a) => a === r.answers.serial[0]));
    console.log(`workers started and answered as the serial calls: ${agree}`);
    return { startupMs: { js, ts }, rows };
  } finally {
    await rm(path, { force: true });
  }
}

if (!isMainThread) parentPort?.postMessage(workerInput<number>());
else if (isEntry(import.meta.url)) await main();

// Timings vary from run to run; none is fixed.
// Output:
// one worker: plain JS {*} ms, TypeScript {*} ms
// empty function:
//   n=1: serial {*} ms, workers {*} ms
//   n=2: serial {*} ms, workers {*} ms
//   n=4: serial {*} ms, workers {*} ms
//   n=8: serial {*} ms, workers {*} ms
// fibonacci(20000000):
//   n=1: serial {*} ms, workers {*} ms
//   n=2: serial {*} ms, workers {*} ms
//   n=4: serial {*} ms, workers {*} ms
//   n=8: serial {*} ms, workers {*} ms
// read 1 KB x 1000:
//   n=1: serial {*} ms, workers {*} ms, Promise.all {*} ms
//   n=2: serial {*} ms, workers {*} ms, Promise.all {*} ms
//   n=4: serial {*} ms, workers {*} ms, Promise.all {*} ms
//   n=8: serial {*} ms, workers {*} ms, Promise.all {*} ms
// workers started and answered as the serial calls: true
