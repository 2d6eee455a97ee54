/**
 * The workloads of threads/cost: the book's four `function_to_run`
 * variants, called on the main thread by the recipe and in workers
 * started on this file (each worker runs one job, posts the answer and
 * ends, as a thread of the book's `threaded(n)` does).
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerInput } from '@cookbook/shared';
import { fetchRate } from '@cookbook/shared/services/rate-stub';

/** One call of the book's `function_to_run`, as data a worker can get. */
export type Job =
  | { kind: 'empty' }
  | { kind: 'fibonacci'; iterations: number }
  | { kind: 'read'; path: string }
  | { kind: 'fetch'; url: string; times: number };

// Fibonacci modulo a prime, so the numbers stay exact doubles (Python
// keeps the whole big integer).
export function fibonacci(iterations: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < iterations; i++) {
    const next = (a + b) % 1_000_000_007;
    a = b;
    b = next;
  }
  return a;
}

// The book reads a file 1 KB at a time. Every `read` is a request to
// libuv's thread pool, so the calling thread waits without blocking.
async function readInChunks(path: string): Promise<number> {
  // We open the file once and read until a read returns no bytes.
  const fs = await import('node:fs/promises');
  const file = await fs.open(path);
  const chunk = Buffer.alloc(1024);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length);
      if (bytesRead === 0) return total;
      total += bytesRead;
    }
  } finally {
    await file.close();
  }
}

// The book fetches a web page `times` times in a row; we fetch a rate
// from the local stub, which waits a little before each answer.
async function fetchInTurn(url: string, times: number): Promise<number> {
  let fetched = 0;
  for (let i = 0; i < times; i++) {
    if (await fetchRate(url, 'EURUSD')) fetched++;
  }
  return fetched;
}

// One call of a workload, whichever way main makes it: the answer is
// what the test checks (0, the Fibonacci number, bytes read, fetches).
export async function run(job: Job): Promise<number> {
  switch (job.kind) {
    case 'empty': return 0;
    case 'fibonacci': return fibonacci(job.iterations);
    case 'read': return readInChunks(job.path);
    case 'fetch': return fetchInTurn(job.url, job.times);
  }
}

// The book's four workloads, as the table names them, and whether each
// waits on I/O. A Fibonacci call takes ~25 ms; a fetch call asks the
// rate stub FETCHES times in turn.
export const FIB_ITERATIONS = 5_000_000;
export const FETCHES = 10;

// A workload: its row name in the table, its job, and whether it waits.
export interface Workload { name: string; job: Job; waits: boolean }

// The four rows, in the book's order; the recipe makes the file and the
// stub, and passes their path and URL in.
export function workloads(path: string, url: string): Workload[] {
  return [
    { name: 'empty function', job: { kind: 'empty' }, waits: false },
    { name: `fibonacci(${FIB_ITERATIONS})`,
      job: { kind: 'fibonacci', iterations: FIB_ITERATIONS }, waits: false },
    { name: 'read 1 KB x 1000', job: { kind: 'read', path }, waits: true },
    { name: `fetch x ${FETCHES}`,
      job: { kind: 'fetch', url, times: FETCHES }, waits: true },
  ];
}

// In a worker this file makes one call, posts the answer, and ends.
if (!isMainThread) parentPort?.postMessage(await run(workerInput<Job>()));
