/**
 * Bounded concurrency for I/O: a limiter, swept against a local server
 *
 * @book    2e ch. 5 "Asynchronous Programming" (beyond the book:
 *          asyncio's `Semaphore` around requests)
 * @covers  none
 * @run     npm run recipe -- async/limiter
 * @see     threads/io-fanout, async/combinators
 *
 * One thread can keep thousands of requests in flight, and
 * `Promise.all(urls.map(fetch))` does exactly that: the server, the
 * sockets and the memory take the whole burst at once. In asyncio we
 * would wrap each request in `async with semaphore:`. Here we write the
 * same limiter (the npm package p-limit is a hardened one): at most
 * `concurrency` tasks run, the others wait in a FIFO queue, and a
 * finishing task hands its slot straight to the next one, so no
 * newcomer can slip in between. A stub rate server on 127.0.0.1
 * answers after a fixed delay and counts the requests it holds at
 * once; we sweep the limit and read both gauges.
 */
import { isEntry } from '@cookbook/shared';
import {
  fetchRate,
  startRateStub,
  type RateStub,
} from '@cookbook/shared/services/rate-stub';

// 40 requests, each held 25 ms by the server; the limits we sweep.
const REQUESTS = 40;
const DELAY_MS = 25;
export const LIMITS = [1, 4, 16, Infinity];

// The limiter is a function wrapping a task, like p-limit's: callers
// write `limited(() => fetch(...))` instead of `async with sem:`.
export interface Limiter {
  <T>(task: () => Promise<T>): Promise<T>;
  /** The most tasks that ever ran at once. */
  readonly peak: number;
}

/** Runs at most `concurrency` tasks at a time, the rest in order. */
export function limiter(concurrency: number): Limiter {
  // Unlike asyncio.Semaphore there is no lock: one thread runs this code,
  // so `active` and `waiting` change only between awaits, never mid-line.
  let active = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    // A free slot is taken at once; otherwise we queue for a hand-over.
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    peak = Math.max(peak, active);
    try {
      return await task();
    } finally {
      // The slot goes to the next waiter, or back to the pool.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
  // The function is the limiter; `peak` is read-only beside it.
  return Object.defineProperty(run, 'peak', { get: () => peak }) as Limiter;
}

// One row of the sweep: the answers, and the two gauges we compare.
export interface Sweep {
  limit: number;
  rates: number[];
  clientPeak: number;
  serverPeak: number;
}

/** `count` requests for EURUSD through a limiter of `limit`. */
export async function fetchAll(stub: RateStub, limit: number,
  count: number): Promise<Sweep> {
  // Every request is queued at once; the limiter lets `limit` through.
  const limited = limiter(limit);
  // The server's gauge restarts for each sweep, so no peak carries over.
  stub.resetPeak();
  const rates = await Promise.all(Array.from({ length: count }, () =>
    limited(() => fetchRate(stub.url, 'EURUSD'))));
  return { limit, rates, clientPeak: limited.peak,
    serverPeak: stub.peakInFlight() };
}

export async function main(): Promise<Sweep[]> {
  // The stub counts what it holds at once: the server-side gauge.
  const stub = await startRateStub({ delayMs: DELAY_MS });
  try {
    const sweeps: Sweep[] = [];
    console.log(`${REQUESTS} requests, each held ${DELAY_MS} ms`);
    // Limits run one after another, so each sweep has the stub to itself.
    for (const limit of LIMITS) {
      const start = performance.now();
      const sweep = await fetchAll(stub, limit, REQUESTS);
      const ms = (performance.now() - start).toFixed(0);
      // Every answer must be the stub's fixed rate; a limit that dropped or
      // mixed up requests would show fewer than 40 ok.
      const ok = sweep.rates.filter((r) => r === 1.1042).length;
      console.log(`limit ${String(limit).padEnd(8)} ${ok} ok, ` +
        `client peak ${sweep.clientPeak}, server peak <= limit: ` +
        `${sweep.serverPeak <= limit}, ${ms} ms`);
      sweeps.push(sweep);
    }
    return sweeps;
  } finally {
    // Stopped even if a request threw, so no socket keeps Node alive.
    await stub.close();
  }
}

// Run only when launched directly, not when the test imports main().
if (isEntry(import.meta.url)) await main();

// Output:
// 40 requests, each held 25 ms
// limit 1        40 ok, client peak 1, server peak <= limit: true, {*} ms
// limit 4        40 ok, client peak 4, server peak <= limit: true, {*} ms
// limit 16       40 ok, client peak 16, server peak <= limit: true, {*} ms
// limit Infinity 40 ok, client peak 40, server peak <= limit: true, {*} ms
