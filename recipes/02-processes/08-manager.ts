/**
 * Managing state between processes (a manager process and proxies)
 *
 * @book    1e ch. 3 "Process-based Parallelism" › How to manage a state
 *          between processes
 * @python  manager.py (1st ed.)
 * @covers  P8
 * @run     npm run recipe -- processes/manager
 * @needs   posix
 * @timeout 120000
 * @see     processes/barrier-and-lock — a coordinator in the parent
 */
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// The book's ten writers, and what a proxy may ask the manager.
export const WRITERS = 10;
type Request = { op: 'set'; key: number; value: number } | { op: 'items' };

// The book's manager is a server process that owns a dict. Ours is a
// child that owns a `Map` and serves it on a Unix socket: one JSON request
// per line, one answer line each. Node handles one line at a time, so no
// write is lost; it stops when the parent closes our IPC channel.
function manager(socketPath: string): void {
  const dict = new Map<number, number>();
  const server = net.createServer((socket) => {
    createInterface({ input: socket }).on('line', (line) => {
      const request = JSON.parse(line) as Request;
      if (request.op === 'set') dict.set(request.key, request.value);
      // A `set` is answered too (with null): the proxy's await ends there.
      const answer = request.op === 'items' ? [...dict] : null;
      socket.write(`${JSON.stringify(answer)}\n`);
    });
  });
  server.listen(socketPath, () => process.send!('listening'));
  process.once('disconnect', () => server.close());
}

// Python's proxy turns `d[k] = v` into a request over a socket; ours sends one
// JSON line per call and awaits the answer. A socket queues what we write until
// it is connected, so a proxy is usable at once; answers come back in the order
// of the requests. `using` a proxy closes its socket at the end of the block.
export class DictProxy {
  readonly #socket: net.Socket;
  readonly #answers: AsyncIterator<string>;
  #lost = 'closed the connection';
  constructor(socketPath: string) {
    // A manager that is gone is remembered and reported by the next call.
    this.#socket = net.connect(socketPath)
      .on('error', (e) => { this.#lost = e.message; });
    this.#answers = createInterface({ input: this.#socket })
      [Symbol.asyncIterator]();
  }
  // If the socket ends first, the call fails with the reason we kept.
  async #call(request: Request): Promise<unknown> {
    this.#socket.write(`${JSON.stringify(request)}\n`);
    const answer = await this.#answers.next();
    if (answer.done) throw new Error(`dict manager: ${this.#lost}`);
    return JSON.parse(answer.value);
  }
  // The dict's methods the book uses, each one request and its answer.
  async set(key: number, value: number): Promise<void> {
    await this.#call({ op: 'set', key, value });
  }
  async items(): Promise<Array<[number, number]>> {
    return (await this.#call({ op: 'items' })) as Array<[number, number]>;
  }
  [Symbol.dispose](): void { this.#socket.end(); }
}
// The book's worker: each of the ten sets `d[i] = 2i` through a proxy.
async function worker(socketPath: string, i: number): Promise<void> {
  using d = new DictProxy(socketPath);
  await d.set(i, i * 2);
  console.log(`key = ${i} value = ${i * 2}`);
}

// Main starts the manager, then ten writers at once, then reads the
// whole dict; the socket file is removed however it ends.
export async function main(writers = WRITERS): Promise<Map<number, number>> {
  const socketPath = `${os.tmpdir()}/cookbook-dict-${process.pid}`;
  const managerChild = forkRole(import.meta.url, 'manager', [socketPath]);
  try {
    // Once the manager listens, all ten writers start at once.
    await new Promise((listening) => managerChild.once('message', listening));
    const codes = await Promise.all(Array.from({ length: writers }, (_, i) =>
      exited(forkRole(import.meta.url, 'worker', [socketPath, `${i}`]))));
    const failed = codes.findIndex((c) => c.code !== 0);
    if (failed >= 0) throw new Error(`writer ${failed} failed`);
    // Main reads through a proxy too, sorted: the Map kept arrival order.
    using d = new DictProxy(socketPath);
    const results = new Map((await d.items()).sort((a, b) => a[0] - b[0]));
    const repr = [...results].map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(`Results: {${repr}}`);
    return results;
  } finally {
    managerChild.disconnect();
    await exited(managerChild);
    rmSync(socketPath, { force: true });
  }
}

// Every process runs this file; its role says which part is its own.
const [socketPath, i] = childArgs();
const role = childRole(import.meta.url);
if (role === 'manager') manager(socketPath!);
else if (role === 'worker') await worker(socketPath!, Number(i));
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// key = 0 value = 0
// key = 1 value = 2
// key = 2 value = 4
// key = 3 value = 6
// key = 4 value = 8
// key = 5 value = 10
// key = 6 value = 12
// key = 7 value = 14
// key = 8 value = 16
// key = 9 value = 18
// Results: {0: 0, 1: 2, 2: 4, 3: 6, 4: 8, 5: 10, 6: 12, 7: 14, 8: 16, 9: 18}
