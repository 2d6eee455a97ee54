/**
 * A remote worker with per-call instances: sync vs async proxy calls
 *
 * @book    DC ch. 4 "Distributed Applications – with Celery" › Celery
 *          alternatives – Pyro
 * @python  pyro/worker.py, pyro/main.py
 * @covers  D11
 * @run     npm run recipe -- distributed/percall-worker
 * @see     distributed/shop-sessions, distributed/grpc-greeter
 *
 * The book registers a `Worker` class as 'MyWorker' with
 * `instance_mode="percall"` (a fresh instance per call), then fetches
 * six currency pairs twice: with blocking proxy calls, then through an
 * async proxy (`Pyro4.async`, a SyntaxError since Python 3.7) whose
 * futures it reads afterwards: 1.55 s vs 0.29 s (Yahoo's API, now gone;
 * our worker waits a fixed delay). The async proxy overlaps calls with a
 * connection per call in flight, as Pyro4 copies its proxy per call; a
 * plain proxy has one connection, which the daemon answers in order.
 */
import { isEntry } from '@cookbook/shared';
import {
  behavior, Daemon, expose, locateNS, proxy, startNameServer,
} from '@cookbook/shared/rpc';

// The book's six pairs, with stub rates.
export const RATES: Record<string, number> = {
  EURUSD: 1.1042, GBPUSD: 1.2719, USDJPY: 151.37,
  CHFDKK: 7.4581, AUDUSD: 0.6534, USDCAD: 1.3689,
};
// Each lookup waits DELAY_MS, a stand-in for the book's web request.
const DELAY_MS = 200;

// Counters kept by the server: instances made, calls open at once.
const seen = { instances: 0, open: 0, peak: 0 };

// A new Worker per call ('percall'), so no call sees another's state.
export class Worker {
  // The daemon makes one per call: the counter proves it.
  constructor() { seen.instances++; }

  // A call counts itself open while it waits, as on a web request.
  async work(pair: string): Promise<[string, number]> {
    seen.peak = Math.max(seen.peak, ++seen.open);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    seen.open--;
    return [pair, RATES[pair] ?? NaN];
  }
}
// Every method is callable; 'percall' is Pyro4's instance_mode.
expose(Worker);
behavior(Worker, { instanceMode: 'percall' });

// Python prints a tuple as ('EURUSD', 1.1042).
const tuple = ([pair, rate]: [string, number]) => `('${pair}', ${rate})`;

// The test checks both ways' pairs, the instances, the calls open.
export interface Result {
  sync: [string, number][]; async: [string, number][]; instances: number;
  peakSync: number; peakAsync: number;
}

// The book's two scripts, worker.py and main.py, run in one process.
export async function main(): Promise<Result> {
  // The book's worker.py: a name server, a daemon, 'MyWorker'.
  const ns = await startNameServer();
  const daemon = await Daemon.start();
  const registry = await locateNS(ns.location);
  await registry.register('MyWorker', daemon.register(Worker));
  console.log('Accepting connections');
  // main.py's two proxies: a plain one and an async one.
  const worker = proxy<Worker>('PYRONAME:MyWorker',
    { nameServer: ns.location });
  const asyncWorker = worker._pyroAsync();
  seen.instances = 0;
  try {
    // Blocking style: each call waits for the one before.
    let started = performance.now();
    const sync: [string, number][] = [];
    for (const pair of Object.keys(RATES)) sync.push(await worker.work(pair));
    const syncMs = performance.now() - started;
    // We note the peak so far, and start counting afresh.
    const peakSync = seen.peak;
    seen.peak = 0;
    sync.forEach((r) => console.log(tuple(r)));
    console.log(`Sync calls: ${(syncMs / 1000).toFixed(2)} seconds`);

    // Async proxy: start every call, then read the futures' values.
    started = performance.now();
    const futures = Object.keys(RATES).map((p) => asyncWorker.work(p));
    const async = await Promise.all(futures);
    const asyncMs = performance.now() - started;
    const peakAsync = seen.peak;
    // The same pairs, in the same order: Promise.all keeps it.
    async.forEach((r) => console.log(tuple(r)));
    console.log(`Async calls: ${(asyncMs / 1000).toFixed(2)} seconds`);
    // Our timings beside the book's, and what the server counted.
    console.log('book (DC, 6 pairs over the web): sync 1.55 s, async 0.29 s');
    console.log(`Worker instances made: ${seen.instances} (one per call)`);
    console.log(`calls open at once: sync ${peakSync}, async ${peakAsync}`);
    return { sync, async, instances: seen.instances, peakSync, peakAsync };
  } finally {
    // Every proxy closes its connections; then the servers stop.
    for (const p of [worker, asyncWorker, registry]) p._pyroRelease();
    await daemon.close();
    await ns.close();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// Accepting connections
// ('EURUSD', 1.1042)
// ('GBPUSD', 1.2719)
// ('USDJPY', 151.37)
// ('CHFDKK', 7.4581)
// ('AUDUSD', 0.6534)
// ('USDCAD', 1.3689)
// Sync calls: {*} seconds
// ('EURUSD', 1.1042)
// ('GBPUSD', 1.2719)
// ('USDJPY', 151.37)
// ('CHFDKK', 7.4581)
// ('AUDUSD', 0.6534)
// ('USDCAD', 1.3689)
// Async calls: {*} seconds
// book (DC, 6 pairs over the web): sync 1.55 s, async 0.29 s
// Worker instances made: 12 (one per call)
// calls open at once: sync 1, async {*}
