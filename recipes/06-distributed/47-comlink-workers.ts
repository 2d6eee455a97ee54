/**
 * Remote objects across worker threads with Comlink
 *
 * @book    (beyond the books: the production route for D8's idea inside
 *          one Node process)
 * @covers  none
 * @run     npm run recipe -- distributed/comlink-workers
 * @timeout 60000
 * @see     distributed/remote-greeting, distributed/grpc-greeter
 *
 * Pyro gives a proxy whose method calls run in another process. Inside
 * one Node process the same idea links the main thread to a worker
 * thread: Comlink (Google Chrome Labs) wraps `postMessage` so that
 * `await remote.method(args)` runs the method in the worker. There is
 * no name server and no port: the worker *is* the address. Arguments
 * are copied (structured clone), and a function can be passed by
 * reference with `Comlink.proxy`, the way D12 passes its console URI.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
// Comlink's adapter from Node's worker API to the browser's MessagePort.
// @ts-expect-error -- the package ships node-adapter.d.ts, not .d.mts
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { isEntry, spawnWorker } from '@cookbook/shared';

// ── Worker side: the object we serve ───────────────────────────────
// A plain class: no `expose` list, Comlink serves every method.
export class Greeter {
  private greeted = 0;

  // D8's greeting; the count proves the state stays in the worker.
  welcomeMessage(name: string): string {
    this.greeted++;
    return `Hi welcome ${name}`;
  }

  // Read back from the main thread, through the same proxy.
  count(): number { return this.greeted; }

  // `progress` is a function living in the main thread.
  async countdown(from: number, progress: (n: number) => void) {
    for (let n = from; n > 0; n--) await progress(n);
    return 'lift-off';
  }
}

// In the worker, the one Greeter is served over the parent port.
if (!isMainThread) Comlink.expose(new Greeter(), nodeEndpoint(parentPort));

// ── Main side ──────────────────────────────────────────────────────
// What the test checks: replies, state in the worker, callback ticks.
export interface Result {
  replies: string[];
  count: number;
  ticks: number[];
  countdown: string;
}

// The main thread is the client; the worker thread is the server.
export async function main(): Promise<Result> {
  // The worker runs this file; `wrap` gives a typed remote Greeter.
  const worker = spawnWorker(new URL(import.meta.url));
  const greeter = Comlink.wrap<Greeter>(nodeEndpoint(worker));
  try {
    // Every call returns a promise, as with our Pyro proxies.
    const replies = await Promise.all(['Ann', 'Bob', 'Eve']
      .map((name) => greeter.welcomeMessage(name)));
    replies.forEach((reply) => console.log(reply));
    // The object's state lives in the worker.
    const count = await greeter.count();
    console.log(`greeted in the worker: ${count}`);

    // A callback by reference: the worker calls back into this thread.
    const ticks: number[] = [];
    const countdown = await greeter.countdown(3,
      Comlink.proxy((n: number) => { ticks.push(n); console.log(`${n}...`); }));
    // The worker's return value arrives after every callback.
    console.log(countdown);
    return { replies, count, ticks, countdown };
  } finally {
    // Release the proxy, then stop the worker: nothing keeps us alive.
    greeter[Comlink.releaseProxy]();
    await worker.terminate();
  }
}

if (isMainThread && isEntry(import.meta.url)) await main();

// Output:
// Hi welcome Ann
// Hi welcome Bob
// Hi welcome Eve
// greeted in the worker: 3
// 3...
// 2...
// 1...
// lift-off
