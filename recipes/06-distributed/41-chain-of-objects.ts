/**
 * Chaining remote objects: a message travels round a ring of three
 *
 * @book    2e ch. 6 "Distributed Python" › RMI with Pyro4 (Second
 *          Example); 1e ch. 5 "Distributed Python" › Chaining objects
 *          with Pyro4
 * @python  Chapter06/Pyro4/Second Example/chainTopology.py,
 *          server_chain_1.py, server_chain_2.py, server_chain_3.py,
 *          client_chain.py
 * @covers  D9
 * @run     npm run recipe -- distributed/chain-of-objects
 * @see     distributed/remote-greeting, distributed/shop-sessions
 *
 * Three servers each hold a `Chain` object named
 * `example.chainTopology.N`; 1 forwards to 2, 2 to 3, 3 back to 1. The
 * client sends `["hello"]` to 1. Each server adds its name and passes
 * the list on, until one sees its own name and ends the chain; on the
 * way back each hop prepends "passed on from N". Server 1 is called
 * again while its first call is still running: Pyro4 copes because its
 * daemon is multithreaded, ours because `process` is async and the
 * daemon keeps reading while a call awaits. The three daemons run in
 * this process on their own ports; every hop is still a TCP call.
 */
import { isEntry } from '@cookbook/shared';
import {
  Daemon, expose, locateNS, proxy, startNameServer, type RemoteProxy,
} from '@cookbook/shared/rpc';

// The book's object names, and who forwards to whom (its
// server_chain_1/2/3.py).
const PREFIX = 'example.chainTopology.';
const RING: [string, string][] = [['1', '2'], ['2', '3'], ['3', '1']];

// The book's Chain class. The proxy to the next server is made on first
// use, as in the book, so all three can register before any call.
export class Chain {
  private readonly name: string;
  private readonly nextName: string;
  private readonly nameServer: string;
  private next: RemoteProxy<Chain> | undefined;

  // Its own name, the next one's, and where to look names up.
  constructor(name: string, nextName: string, nameServer: string) {
    [this.name, this.nextName, this.nameServer] = [name, nextName, nameServer];
  }

  // The book's `process`: end the round at a name seen before, else
  // add ours, forward, and prepend our hop to the answer.
  async process(message: string[]): Promise<string[]> {
    this.next ??= proxy<Chain>(`PYRONAME:${PREFIX}${this.nextName}`,
      { nameServer: this.nameServer });
    // Our name already in the message: the ring is closed.
    if (message.includes(this.name)) {
      console.log(`Back at ${this.name}; the chain is closed!`);
      return [`complete at ${this.name}`];
    }
    // Otherwise we sign the message and await the rest of the ring.
    console.log(`${this.name} forwarding the message to the object ` +
      this.nextName);
    message.push(this.name);
    const result = await this.next.process(message);
    result.unshift(`passed on from ${this.name}`);
    return result;
  }

  // The run closes the proxy this Chain made.
  release(): void { this.next?._pyroRelease(); }
}
// Only `process` is callable from other processes.
expose(Chain, ['process']);

// Python prints a list of strings as ['a', 'b']; so do we.
const pyList = (items: string[]): string =>
  `[${items.map((s) => `'${s}'`).join(', ')}]`;

// The test checks the book's list and that three daemons took part
// (`servers`: each daemon's location).
export interface Result { result: string[]; servers: string[] }

// The book's name server, three servers and client, in one process.
export async function main(): Promise<Result> {
  // The book's `pyro4-ns`, then a proxy to it for registering names.
  const ns = await startNameServer();
  const registry = await locateNS(ns.location);
  const daemons: Daemon[] = [];
  const chains: Chain[] = [];
  try {
    // Each "server_chain_N.py": a daemon, a Chain, a name.
    for (const [name, next] of RING) {
      const daemon = await Daemon.start();
      const chain = new Chain(name, next, ns.location);
      await registry.register(PREFIX + name, daemon.register(chain));
      daemons.push(daemon);
      chains.push(chain);
      console.log(`server_${name} started`);
    }
    // client_chain.py: one call to server 1 starts the round.
    const first = proxy<Chain>(`PYRONAME:${PREFIX}1`,
      { nameServer: ns.location });
    const result = await first.process(['hello']);
    first._pyroRelease();
    console.log(`Result=${pyList(result)}`);
    return { result, servers: daemons.map((d) => d.location) };
  } finally {
    // Every proxy, daemon and the name server closes, even on failure.
    for (const chain of chains) chain.release();
    registry._pyroRelease();
    for (const daemon of daemons) await daemon.close();
    await ns.close();
  }
}

if (isEntry(import.meta.url)) await main();

// Output:
// server_1 started
// server_2 started
// server_3 started
// 1 forwarding the message to the object 2
// 2 forwarding the message to the object 3
// 3 forwarding the message to the object 1
// Back at 1; the chain is closed!
// Result=['passed on from 1', 'passed on from 2', {*}, 'complete at 1']
