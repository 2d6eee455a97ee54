/**
 * gRPC: a typed contract, unary and streaming calls, and deadlines
 *
 * @book    (beyond the books: the production route for D8–D11's remote
 *          calls between services)
 * @covers  none
 * @run     npm run recipe -- distributed/grpc-greeter
 * @see     distributed/remote-greeting, distributed/percall-worker
 *
 * Pyro needs Python (or a port like ours) at both ends. gRPC starts
 * from a contract: `48-grpc-greeter.proto` names the calls and their
 * messages, and any language builds both sides from it (here
 * `@grpc/proto-loader` at run time, `@grpc/grpc-js` over HTTP/2). A
 * *deadline* bounds a call on both sides: the client gets
 * DEADLINE_EXCEEDED and the server sees the call cancelled, which
 * Pyro's timeout cannot tell the server.
 */
import { EventEmitter, once } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { isEntry } from '@cookbook/shared';
import { type Stub, unary } from './48-grpc-greeter.client.ts';

// The contract, loaded at run time (no code generation step); field
// names become camelCase (`delay_ms` is `delayMs` here).
const PROTO = new URL('./48-grpc-greeter.proto', import.meta.url).pathname;
const definition = loadSync(PROTO, { keepCase: false, defaults: true });
const { cookbook } = grpc.loadPackageDefinition(definition) as unknown as {
  cookbook: { Greeter: grpc.ServiceClientConstructor };
};

// What the .proto says, written as TypeScript types.
interface HelloReply { message: string }
interface Tick { n: number }
type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

// Server side: one handler per rpc of the .proto.
const handlers = {
  // Unary: the reply goes back through the callback (D8's greeting).
  welcomeMessage: ((call, done) => done(null,
    { message: `Hi welcome ${call.request.name}` })
  ) as Unary<{ name: string }, HelloReply>,
  // Server streaming: write each message to the call, then end it.
  countdown: (call: grpc.ServerWritableStream<{ from: number }, Tick>) => {
    for (let n = call.request.from; n > 0; n--) call.write({ n });
    call.end();
  },
  // Answers after delayMs, unless the call is cancelled first.
  slowWelcome: ((call, done) => {
    const timer = setTimeout(() => done(null, { message: 'too late' }),
      call.request.delayMs);
    call.on('cancelled', () => {
      clearTimeout(timer);
      serverEvents.emit('cancelled');
    });
  }) as Unary<{ name: string; delayMs: number }, HelloReply>,
  // A call with a small argument, for the RemoteCall benchmark.
  add: ((call, done) => done(null, { sum: call.request.a + call.request.b })
  ) as Unary<{ a: number; b: number }, { sum: number }>,
};
// The server tells the recipe what it saw.
const serverEvents = new EventEmitter();

/** Starts the Greeter service on a free 127.0.0.1 port. */
export async function startGreeterServer() {
  const server = new grpc.Server();
  server.addService(cookbook.Greeter.service, handlers);
  // bindAsync calls back with the port the system chose.
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound))));
  return { server, port };
}

/** A client stub; `unary()` (in the .client.ts file) awaits its calls. */
export function greeterClient(port: number): Stub {
  return new cookbook.Greeter(`127.0.0.1:${port}`,
    grpc.credentials.createInsecure()) as never;
}

// Client side. The test checks both call kinds, the deadline on both.
export interface Result {
  greeting: string; ticks: number[]; deadline: string;
  serverCancelled: boolean;
}

// Both sides in one process; in production they are separate services.
export async function main(): Promise<Result> {
  // A server on a free loopback port and a client stub for it.
  const { server, port } = await startGreeterServer();
  const client = greeterClient(port);
  try {
    // Unary: like a Pyro call, one request and one reply.
    const reply = await unary<HelloReply>(client, 'welcomeMessage',
      { name: 'Ann' });
    console.log(reply.message);

    // A stream is an async iterable of messages.
    const ticks: number[] = [];
    const stream = client['countdown']!({ from: 3 }) as AsyncIterable<Tick>;
    for await (const tick of stream) ticks.push(tick.n);
    console.log(`countdown: ${ticks.join(', ')}`);

    // 2 s of work, 300 ms allowed: the client stops waiting at 300 ms,
    // and the server hears of it (we wait at most 5 s for that).
    const cancelled = once(serverEvents, 'cancelled',
      { signal: AbortSignal.timeout(5_000) }).then(() => true, () => false);
    // A failed call carries a status code; we print its name.
    const deadline = await unary(client, 'slowWelcome',
      { name: 'Ann', delayMs: 2000 }, 300).then(() => 'answered',
      (e: grpc.ServiceError) => grpc.status[e.code]);
    console.log(`slow call with a 300 ms deadline: ${deadline}`);
    // The server's side: its handler heard of the cancellation.
    const serverCancelled = await cancelled;
    console.log(`server saw the call cancelled: ${serverCancelled}`);
    return { greeting: reply.message, ticks, deadline, serverCancelled };
  } finally {
    // Close the channel, then stop the server without waiting for calls.
    client.close();
    server.forceShutdown();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// Hi welcome Ann
// countdown: 3, 2, 1
// slow call with a 300 ms deadline: DEADLINE_EXCEEDED
// server saw the call cancelled: true
