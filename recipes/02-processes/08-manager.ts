/**
 * Managing state between processes (a manager process and proxies)
 *
 * @book    1e ch. 3 "Process-based Parallelism" › How to manage a state
 *          between processes
 * @python  manager.py (1st ed.)
 * @covers  P8
 * @run     npm run recipe -- processes/manager
 * @needs   posix
 * @timeout 60000
 * @see     processes/barrier-and-lock — a coordinator in the parent
 *
 * `multiprocessing.Manager()` starts a server process that owns a dict;
 * `manager.dict()` hands out proxies that turn `d[k] = v` into a request
 * over a socket. Ten processes each set `d[i] = 2i`, and the parent
 * prints the whole dict. Node has no manager, but the idea is small: a
 * manager child owns a `Map` and serves it on a Unix domain socket; a
 * `DictProxy` sends one JSON line per call and awaits the answer. The
 * manager handles one request at a time, so no write can be lost.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

export const WRITERS = 10;

type Request =
  | { op: 'set'; key: number; value: number }
  | { op: 'items' };

// ── The manager: one Map, served on a socket ─────────────────────────
async function manager(socketPath: string): Promise<void> {
  const dict = new Map<number, number>();
  const server = net.createServer((socket) => {
    // One JSON request per line; each answer is one line too.
    createInterface({ input: socket }).on('line', (line) => {
      const request = JSON.parse(line) as Request;
      if (request.op === 'set') dict.set(request.key, request.value);
      const answer = request.op === 'items' ? [...dict] : null;
      socket.write(`${JSON.stringify(answer)}\n`);
    });
  });
  server.listen(socketPath);
  await once(server, 'listening');
  process.send!('listening');
  // The parent closes our channel when it is done with us.
  process.once('disconnect', () => server.close());
}

// ── The proxy: the dict's methods, as requests ───────────────────────
export class DictProxy {
  readonly #socket: net.Socket;
  readonly #answers: AsyncIterator<string>;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#answers = createInterface({ input: socket })[Symbol.asyncIterator]();
  }

  static async connect(socketPath: string): Promise<DictProxy> {
    const socket = net.connect(socketPath);
    await once(socket, 'connect');
    return new DictProxy(socket);
  }

  async #call(request: Request): Promise<unknown> {
    this.#socket.write(`${JSON.stringify(request)}\n`);
    const { value } = await this.#answers.next();
    return JSON.parse(value as string);
  }

  async set(key: number, value: number): Promise<void> {
    await this.#call({ op: 'set', key, value });
  }

  async items(): Promise<Array<[number, number]>> {
    return (await this.#call({ op: 'items' })) as Array<[number, number]>;
  }

  close(): void {
    this.#socket.end();
  }
}

// ── A writer: the book's worker ──────────────────────────────────────
async function worker(socketPath: string, i: number): Promise<void> {
  const d = await DictProxy.connect(socketPath);
  await d.set(i, i * 2);
  console.log(`key = ${i} value = ${i * 2}`);
  d.close();
}

// ── Main side ────────────────────────────────────────────────────────
export async function main(writers = WRITERS): Promise<Map<number, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cookbook-manager-'));
  const socketPath = path.join(dir, 'manager.sock');
  const managerChild = forkRole(import.meta.url, 'manager', [socketPath]);
  try {
    await once(managerChild, 'message');
    const children = Array.from({ length: writers }, (_, i) =>
      forkRole(import.meta.url, 'worker', [socketPath, String(i)]));
    const codes = await Promise.all(children.map((c) => exited(c)));
    const failed = codes.findIndex((c) => c.code !== 0);
    if (failed >= 0) throw new Error(`writer ${failed} failed`);

    const d = await DictProxy.connect(socketPath);
    const results = new Map((await d.items()).sort((a, b) => a[0] - b[0]));
    d.close();
    const repr = [...results].map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(`Results: {${repr}}`);
    return results;
  } finally {
    managerChild.disconnect();
    await exited(managerChild);
    rmSync(dir, { recursive: true, force: true });
  }
}

const role = childRole(import.meta.url);
if (role === 'manager') await manager(childArgs()[0]!);
else if (role === 'worker') {
  await worker(childArgs()[0]!, Number(childArgs()[1]));
} else if (isEntry(import.meta.url)) await main();

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
