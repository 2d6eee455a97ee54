/**
 * Remote Method Invocation: a greeting object found through a name server
 *
 * @book    2e ch. 6 "Distributed Python" › RMI with Pyro4 (First Example);
 *          1e ch. 5 "Distributed Python" › Remote Method Invocation with
 *          Pyro4
 * @python  Chapter06/Pyro4/First Example/pyro_server.py, pyro_client.py
 * @covers  D8
 * @run     npm run recipe -- distributed/remote-greeting
 * @timeout 60000
 * @see     distributed/chain-of-objects
 *
 * The book runs three programs: Pyro4's name server, a server that
 * registers a `Server` object as "server", and a client that calls
 * `welcomeMessage(name)` through `PYRONAME:server`. We do the same with
 * `@cookbook/shared/rpc`, which speaks Pyro4's own wire protocol (json
 * serializer): the book's Python client could call our server, and our
 * proxy could call the book's. The name server and the client run here,
 * the server in a child process, all on free 127.0.0.1 ports. The book's
 * client asks for the name on stdin; we take it as an argument.
 */
import { once } from 'node:events';
import { exited, forkTs, isEntry } from '@cookbook/shared';
import {
  Daemon, expose, locateNS, proxy, startNameServer,
} from '@cookbook/shared/rpc';

// The name the client greets with (the book reads it from stdin).
const NAME = process.argv[2] ?? 'Ann';

// The book's remote class. Since Pyro4 4.46 only exposed methods are
// callable; `expose` is our `@Pyro4.expose`.
export class Server {
  welcomeMessage(name: string): string {
    return `Hi welcome ${name}`;
  }
}
expose(Server);

// ── Server side (a child process) ──────────────────────────────────
// Make a daemon, register the object, give it a name in the name server,
// then serve until the parent tells us to stop.
async function startServer(nameServer: string): Promise<void> {
  const daemon = await Daemon.start();
  const uri = daemon.register(new Server());
  const ns = await locateNS(nameServer);
  await ns.register('server', uri);
  ns._pyroRelease();
  // The parent waits for 'ready' before it calls us.
  console.log(`Ready. Object uri = ${uri}`);
  process.send?.('ready');
  await once(process, 'disconnect');
  await daemon.close();
}

// ── Client side (here) ─────────────────────────────────────────────
// What the test checks: the reply, the URI the name server handed out,
// and that the server really was another process.
export interface Result { reply: string; uri: string; serverPid: number }

// The book's three steps: a name server, the server, then the client.
export async function main(name = NAME): Promise<Result> {
  // The book starts `pyro4-ns` by hand; we start ours on a free port.
  const ns = await startNameServer();
  console.log(`Name server: ${ns.uri}`);
  // The server is this same file, forked with `--serve`; it tells us
  // over the IPC channel once its object is registered.
  const server = forkTs(new URL(import.meta.url), ['--serve', ns.location]);
  try {
    const [ready] = await Promise.race([once(server, 'message'),
      exited(server).then(() => { throw new Error('server died'); })]);
    if (ready !== 'ready') throw new Error('server did not start');

    // `PYRONAME:server` is looked up in the name server on first call.
    const greeter = proxy<Server>('PYRONAME:server',
      { nameServer: ns.location });
    const reply = await greeter.welcomeMessage(name);
    // We also ask the name server what it holds under "server".
    const registry = await locateNS(ns.location);
    const uri = String(Object.values(await registry.list('server'))[0]);
    // Both proxies close their connections before we print.
    greeter._pyroRelease();
    registry._pyroRelease();
    console.log(reply);
    return { reply, uri, serverPid: server.pid ?? 0 };
  } finally {
    // Closing the IPC channel is the server's cue to stop.
    if (server.connected) server.disconnect();
    await exited(server);
    await ns.close();
  }
}

// One file, two roles: the forked child serves, the reader's run is
// the client.
if (isEntry(import.meta.url)) {
  if (process.argv[2] === '--serve') await startServer(process.argv[3]!);
  else await main();
}

// Output:
// Name server: PYRO:Pyro.NameServer@127.0.0.1:{*}
// Ready. Object uri = PYRO:obj_{*}@127.0.0.1:{*}
// Hi welcome Ann
