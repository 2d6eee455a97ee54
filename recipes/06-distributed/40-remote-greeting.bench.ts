/**
 * RemoteCall: what one small remote call costs, `npm run bench --
 * distributed/remote-greeting`.
 *
 * Each run makes CALLS calls of add(total, i), chained, so the answer is
 * sum(range(CALLS)) for every variant. The server runs in another
 * process (forked from this file) for our Pyro-compatible pair, for
 * gRPC and for raw-tcp; Comlink's "server" is a worker thread, its
 * natural home. The Python peer is a Pyro4 client and a Pyro4 daemon in
 * two processes (benchmarks/peers/python/pyro_calls.py), with Pyro4's
 * default serializer (serpent) and with json, the one we speak: the
 * json row puts the same bytes on the wire as ours.
 *
 * raw-tcp is the floor: two doubles out, their sum back, on one socket
 * with no protocol at all (no header, no json, no dispatch), read the
 * way our proxies read (`onread` into one reused buffer). What pyro-ts
 * costs above it is our code; the rest is the kernel and the event
 * loop waking up twice per call.
 *
 * inflight=1: one chain, each call waits for the last. inflight=64: 64
 * chains at once. Like for like with the Python peer (64 threads, each
 * with its own proxy and connection, as Pyro4 requires) is conns=64: 64
 * proxies, each with its own connection and one call in flight on it.
 * conns=1 shows what one proxy can do that Pyro4's cannot: 64 calls
 * pipelined on its one connection (the daemon still answers them in
 * order). gRPC multiplexes its 64 calls on one channel; Comlink has 64
 * calls in flight on one port. Target: pyro-ts >= 2x the Python pair's
 * calls/s at inflight=1 and >= 3x at inflight=64 (conns=64).
 *
 * gRPC uses one client (one channel) for the whole suite, no deadline,
 * no compression, no waitForReady. Its cost is the HTTP/2 stack's: a
 * bare node:http2 request and response between two processes took
 * 350-650 us here (2 cores, under load), and a CPU profile of the
 * client shows the time spread through grpc-js's call layers and
 * node:http2, none of it waiting on a timer.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import type { ChildProcess } from 'node:child_process';
import * as Comlink from 'comlink';
// @ts-expect-error -- the package ships node-adapter.d.ts, not .d.mts
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { smokeSize, suite } from '@cookbook/bench';
import { exited, forkTs, spawnWorker } from '@cookbook/shared';
import { Daemon, expose, proxy, type RemoteProxy } from '@cookbook/shared/rpc';
import { unary } from './48-grpc-greeter.client.ts';
import { greeterClient, startGreeterServer } from './48-grpc-greeter.ts';

const CALLS = smokeSize(2_048, 64);
const WIDE = 64;

export class Adder {
  add(a: number, b: number): number { return a + b; }
}
expose(Adder);

// ── Server process and Comlink worker ──────────────────────────────
const rawClients = new Set<Socket>();

// raw-tcp: each 16 bytes in (two doubles) get 8 bytes back (the sum).
function rawAdder(socket: Socket): void {
  socket.setNoDelay(true);
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (; pending.length >= 16; pending = pending.subarray(16)) {
      const sum = Buffer.allocUnsafe(8);
      sum.writeDoubleLE(pending.readDoubleLE(0) + pending.readDoubleLE(8));
      socket.write(sum);
    }
  });
}

async function serve(): Promise<void> {
  const daemon = await Daemon.start();
  const uri = daemon.register(new Adder(), { id: 'adder' });
  const grpc = await startGreeterServer();
  const raw = createServer((socket) => {
    rawClients.add(socket);
    rawAdder(socket);
  }).listen(0, '127.0.0.1');
  await once(raw, 'listening');
  const rawPort = (raw.address() as { port: number }).port;
  process.send?.({ uri, grpcPort: grpc.port, rawPort });
  await once(process, 'disconnect');
  grpc.server.forceShutdown();
  raw.close();
  for (const socket of rawClients) socket.destroy();
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
let raw: Socket | undefined;
let rawWaiting: ((sum: number) => void) | undefined;

// One call at a time on the raw socket: 8 bytes back are its answer.
const rawAdd: Add = (a, b) => new Promise((resolve) => {
  rawWaiting = resolve;
  const args = Buffer.allocUnsafe(16);
  args.writeDoubleLE(a, 0);
  args.writeDoubleLE(b, 8);
  raw!.write(args);
});

// Read as our proxies read (Node's `onread`, one buffer reused), so
// that this stays the floor. An answer split across reads is unlikely
// (8 bytes) but handled: its bytes wait in `pending`.
async function openRaw(port: number): Promise<void> {
  const reads = Buffer.allocUnsafe(64 * 1024);
  let pending: Buffer = Buffer.alloc(0);
  raw = connect({ host: '127.0.0.1', port, noDelay: true, onread: {
    buffer: reads,
    callback: (bytes) => {
      const chunk = reads.subarray(0, bytes);
      const all = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      if (all.length < 8) {
        pending = Buffer.from(all);
        return true;
      }
      pending = Buffer.from(all.subarray(8));
      rawWaiting?.(all.readDoubleLE(0));
      return true;
    } } });
  await once(raw, 'connect');
}

async function start(): Promise<void> {
  server = forkTs(new URL(import.meta.url), ['--serve-bench']);
  const [{ uri, grpcPort, rawPort }] = await once(server, 'message') as
    [{ uri: string; grpcPort: number; rawPort: number }];
  await openRaw(rawPort);
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
  raw?.destroy();
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
const peer = (inflight: number, serializer = 'serpent') => ({
  script: PEER, modules: ['Pyro4'], ops: CALLS,
  args: ['--calls', String(CALLS), '--inflight', String(inflight),
    '--serializer', serializer] });

export default suite('RemoteCall', { runs: 10, before: start, after: stop,
  meta: { calls: CALLS, op: 'call' } })
  .add('impl=raw-tcp/inflight=1', () => chains(1, () => rawAdd),
    { ops: CALLS })
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
  .peer('peer=python-pyro4/inflight=64', peer(WIDE))
  .peer('peer=python-pyro4/serializer=json/inflight=1', peer(1, 'json'))
  .peer('peer=python-pyro4/serializer=json/inflight=64',
    peer(WIDE, 'json'));
