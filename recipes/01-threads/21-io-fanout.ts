/**
 * I/O-bound fan-out: one request per currency pair, all at once
 *
 * @book    DC ch. 3 "Parallelism in Python" › Multiple threads (I/O-bound
 *          threads: currency rates)
 * @python  currency.py
 * @covers  T15
 * @run     npm run recipe -- threads/io-fanout
 * @see     threads/cpu-bound — the CPU-bound half of the lesson
 *
 * The book starts one thread per currency pair; each fetches a quote and
 * puts (pair, rate) on a Queue. Threads overlap their waiting, so three
 * pairs took 0.38 s instead of 1.18 s. Yahoo's quote API is gone (2017),
 * so we start a stub rate server on 127.0.0.1 that answers after a fixed
 * delay. Node's answer to "a thread per request" is async I/O: one
 * thread, `Promise.all` over `fetch`. We also port the book's shape (a
 * worker per pair, results as messages): it works, but each worker
 * costs a start-up. The server counts requests in flight, so a counter,
 * not a clock, shows which way overlaps.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';

// Stub rates (the book's EURUSD among them); every answer takes DELAY_MS.
export const RATES: Record<string, number> = {
  EURUSD: 1.1042, GBPUSD: 1.2719, USDJPY: 151.37, CHFDKK: 7.4581,
};
export const PAIRS = Object.keys(RATES);
const DELAY_MS = 150;

// One request: Yahoo's old CSV form, `"EURUSD=X",1.1042`.
async function fetchRate(base: string, pair: string): Promise<number> {
  const res = await fetch(`${base}/quotes.csv?s=${pair}=X&f=sl1`);
  if (!res.ok) throw new Error(`${pair}: HTTP ${res.status}`);
  return Number((await res.text()).split(',')[1]);
}

// ── Worker side: the book's thread, one per pair ───────────────────
interface Quote {
  pair: string;
  rate: number;
}

interface Job {
  base: string;
  pair: string;
}

async function work({ base, pair }: Job): Promise<void> {
  const rate = await fetchRate(base, pair);
  parentPort?.postMessage({ pair, rate } satisfies Quote);
}

// ── The stub server ────────────────────────────────────────────────
// It keeps a gauge of requests in flight and the highest value seen.
// `connection: close` leaves no idle sockets to keep anyone alive.
async function startServer() {
  const gauge = { now: 0, peak: 0 };
  const server = createServer((req, res) => {
    gauge.peak = Math.max(gauge.peak, ++gauge.now);
    const q = new URL(req.url ?? '/', 'http://stub').searchParams;
    const pair = (q.get('s') ?? '').replace(/=X$/, '');
    setTimeout(() => {
      gauge.now--;
      const rate = RATES[pair];
      res.setHeader('connection', 'close');
      if (rate === undefined) res.writeHead(404).end();
      else res.end(`"${pair}=X",${rate}\n`);
    }, DELAY_MS);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, gauge, base: `http://127.0.0.1:${port}` };
}

// ── Main side ──────────────────────────────────────────────────────
export interface Phase {
  way: string;
  rates: number[]; // in PAIRS order
  peakInFlight: number;
  ms: number;
}

type Fetcher = (base: string) => Promise<number[]>;

const WAYS: [string, Fetcher][] = [
  // Python's loop without threads: one request after another.
  ['sequential', async (base) => {
    const rates = [];
    for (const pair of PAIRS) rates.push(await fetchRate(base, pair));
    return rates;
  }],
  // All requests in flight at once, on this one thread.
  ['Promise.all', (base) =>
    Promise.all(PAIRS.map((pair) => fetchRate(base, pair)))],
  // The book's way: a worker per pair, answers arrive as messages (our
  // queue) in any order, and we put them back in pair order.
  ['workers', async (base) => {
    const workers = PAIRS.map((pair) =>
      spawnWorker(new URL(import.meta.url), { base, pair }));
    const queue: Quote[] = [];
    for (const w of workers) w.on('message', (q: Quote) => queue.push(q));
    await joinAll(workers);
    return PAIRS.map((p) => queue.find((q) => q.pair === p)?.rate ?? NaN);
  }],
];

export interface Result {
  pairs: string[];
  phases: Phase[];
}

export async function main(): Promise<Result> {
  const { server, gauge, base } = await startServer();
  try {
    console.log(`stub rate server: ${DELAY_MS} ms per answer`);
    const phases: Phase[] = [];
    for (const [way, fetchAll] of WAYS) {
      gauge.peak = 0;
      const started = performance.now();
      const rates = await fetchAll(base);
      const ms = performance.now() - started;
      phases.push({ way, rates, peakInFlight: gauge.peak, ms });
      console.log(`${way}: at most ${gauge.peak} in flight, ` +
        `${(ms / 1000).toFixed(2)} s`);
    }
    PAIRS.forEach((p, i) => console.log(`${p} ${phases[0]?.rates[i]}`));
    const same = phases.every((ph) =>
      ph.rates.join() === phases[0]?.rates.join());
    console.log(`all ${phases.length} ways got the same rates: ${same}`);
    return { pairs: PAIRS, phases };
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

if (!isMainThread) {
  await work(workerInput<Job>());
} else if (isEntry(import.meta.url)) await main();

// Output:
// stub rate server: 150 ms per answer
// sequential: at most 1 in flight, {*} s
// Promise.all: at most 4 in flight, {*} s
// workers: at most {*} in flight, {*} s
// EURUSD 1.1042
// GBPUSD 1.2719
// USDJPY 151.37
// CHFDKK 7.4581
// all 3 ways got the same rates: true
