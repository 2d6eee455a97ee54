/**
 * RemoteCall: what one small remote call costs, `npm run bench --
 * distributed/remote-greeting`.
 *
 * Each run makes CALLS calls of add(total, i), chained, so the answer is
 * sum(range(CALLS)) for every variant. The server runs in another
 * process (forked from this file) for our Pyro-compatible pair and for
 * gRPC; Comlink's "server" is a worker thread, its natural home. The
 * Python peer is a Pyro4 client and a Pyro4 daemon in two processes
 * (benchmarks/peers/python/pyro_calls.py).
 *
 * inflight=1: one chain, each call waits for the last. inflight=64: 64
 * chains at once: 64 Pyro proxies (conns=64: 64 connections, like the
 * Python peer, where Pyro4 requires a proxy per thread) or one proxy
 * whose calls are pipelined on its one connection (conns=1: the daemon
 * still answers them in order); 64 calls multiplexed on one gRPC
 * channel; 64 calls in flight on one Comlink port. Target: pyro-ts
 * >= 2x the Python pair's calls/s at inflight=1 and >= 3x at
 * inflight=64 (a cross-process Node round trip is ~62 us on an idle
 * machine here, so ~3x is the ceiling at inflight=1).
 */
import { once } from 'node:events';
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import type { ChildProcess } from 'node:child_process';
import * as Comlink from 'comlink';
// @ts-expect-error -- the package ships node-adapter.d.ts, not .d.mts
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { smokeSize, suite } from '@cookbook/bench';
import { exited, forkTs, spawnWorker } from '@cookbook/shared';
import { Daemon, expose, proxy, type RemoteProxy } from '@cookbook/shared/rpc';
import {
  greeterClient, startGreeterServer, unary,
} from './48-grpc-greeter.ts';

const CALLS = smokeSize(2_048, 64);
const WIDE = 64;

export class Adder {
  add(a: number, b: number): number { return a + b; }
}
expose(Adder);

// ── Server process and Comlink worker ──────────────────────────────
async function serve(): Promise<void> {
  const daemon = await Daemon.start();
  const uri = daemon.register(new Adder(), { id: 'adder' });
  const grpc = await startGreeterServer();
  process.send?.({ uri, grpcPort: grpc.port });
  await once(process, 'disconnect');
  grpc.server.forceShutdown();
  await daemon.close();
}
if (process.argv[2] === '--serve-bench') await serve();
if (!isMainThread) Comlink.expose(new Adder(), nodeEndpoint(parentPort));

// ── Client side ────────────────────────────────────────────────────
type Add = (a: number, b: number) => Promise<number>;

// `width` chains of calls i = k, k+width, ...; their totals add up to
// sum(range(CALLS)).
async function chains(width: number, addFor: (k: number) => Add) {
  const totals = await Promise.all(Array.from({ length: width },
    async (_, k) => {
      const add = addFor(k);
      let total = 0;
      for (let i = k; i < CALLS; i += width) total = await add(total, i);
      return total;
    }));
  return totals.reduce((a, b) => a + b, 0);
}

let server: ChildProcess | undefined;
let pyro: RemoteProxy<Adder>[] = [];
let grpcClient: ReturnType<typeof greeterClient> | undefined;
let worker: Worker | undefined;
let comlink: Comlink.Remote<Adder> | undefined;

async function start(): Promise<void> {
  server = forkTs(new URL(import.meta.url), ['--serve-bench']);
  const [{ uri, grpcPort }] = await once(server, 'message') as
    [{ uri: string; grpcPort: number }];
  pyro = Array.from({ length: WIDE }, () => proxy<Adder>(uri));
  await Promise.all(pyro.map((p) => p._pyroBind()));
  grpcClient = greeterClient(grpcPort);
  await unary(grpcClient, 'add', { a: 0, b: 0 });
  worker = spawnWorker(new URL(import.meta.url));
  comlink = Comlink.wrap<Adder>(nodeEndpoint(worker));
  await comlink.add(0, 0);
}

async function stop(): Promise<void> {
  for (const p of pyro) p._pyroRelease();
  grpcClient?.close();
  await worker?.terminate();
  if (server?.connected) server.disconnect();
  if (server) await exited(server);
}

const grpcAdd: Add = async (a, b) =>
  (await unary<{ sum: number }>(grpcClient!, 'add', { a, b })).sum;
const comlinkAdd: Add = (a, b) => comlink!.add(a, b);
const PEER = new URL('../../benchmarks/peers/python/pyro_calls.py',
  import.meta.url);
const peer = (inflight: number) => ({ script: PEER, modules: ['Pyro4'],
  args: ['--calls', String(CALLS), '--inflight', String(inflight)],
  ops: CALLS });

export default suite('RemoteCall', { runs: 10, before: start, after: stop,
  meta: { calls: CALLS, op: 'call' } })
  .add('impl=pyro-ts/inflight=1',
    () => chains(1, () => (a, b) => pyro[0]!.add(a, b)), { ops: CALLS })
  .add('impl=pyro-ts/conns=64/inflight=64',
    () => chains(WIDE, (k) => (a, b) => pyro[k]!.add(a, b)), { ops: CALLS })
  .add('impl=pyro-ts/conns=1/inflight=64',
    () => chains(WIDE, () => (a, b) => pyro[0]!.add(a, b)), { ops: CALLS })
  .add('impl=grpc/inflight=1', () => chains(1, () => grpcAdd),
    { ops: CALLS })
  .add('impl=grpc/inflight=64', () => chains(WIDE, () => grpcAdd),
    { ops: CALLS })
  .add('impl=comlink/inflight=1', () => chains(1, () => comlinkAdd),
    { ops: CALLS })
  .add('impl=comlink/inflight=64', () => chains(WIDE, () => comlinkAdd),
    { ops: CALLS })
  .peer('peer=python-pyro4/inflight=1', peer(1))
  .peer('peer=python-pyro4/inflight=64', peer(WIDE));
