/**
 * What keeps a process alive: open handles after a test
 *
 * @book    DC ch. 7 "Testing and Debugging Distributed Applications"
 *          (beyond the book: a Python process ends when its non-daemon
 *          threads do; a Node process when nothing holds its event loop)
 * @covers  none
 * @run     npm run recipe -- testing-debugging/open-handles
 * @see     threads/worker-outlives-main — a worker that holds the process
 *
 * A Node process exits when its event loop has nothing left to wait
 * for. A forgotten `setInterval`, a server still listening or a socket
 * still open keeps it running: the test passed, but the runner hangs
 * ("close timed out"; vitest's `--reporter=hanging-process` lists them).
 * `process.getActiveResourcesInfo()` names what the loop waits for. We
 * take that list before a piece of code, again after it, and the
 * difference is what it left open. `unref()` marks a handle as one that
 * must not keep the process alive: it leaves the list.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { isEntry } from '@cookbook/shared';

// The resource names added since `before` (a multiset difference, as
// two timers show up as two "Timeout" entries).
function leftOpen(before: string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of before) counts.set(name, (counts.get(name) ?? 0) + 1);
  const added: string[] = [];
  for (const name of process.getActiveResourcesInfo()) {
    const n = counts.get(name) ?? 0;
    if (n > 0) counts.set(name, n - 1);
    else added.push(name);
  }
  return added.sort();
}

// The "code under test": it starts a poller, a server on a free
// loopback port and a one-off timer it means to be harmless, and
// forgets to stop any of them.
async function leakyStart() {
  const poller = setInterval(() => {}, 1_000);
  const server: Server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const reminder = setTimeout(() => {}, 60_000).unref();
  return { poller, server, reminder };
}

export interface Result {
  leaked: string[];
  afterUnref: string[];
  afterCleanup: string[];
}

export async function main(): Promise<Result> {
  // Snapshot, run, snapshot: the difference names every leak. The
  // unref'd reminder is not there: it cannot hold the process.
  const before = process.getActiveResourcesInfo();
  const { poller, server, reminder } = await leakyStart();
  const leaked = leftOpen(before);
  console.log(`left open: ${leaked.join(', ')}`);

  // Unref'ing the poller lets the process exit around it (fine for a
  // background ticker, wrong for work that must finish).
  poller.unref();
  const afterUnref = leftOpen(before);
  console.log(`after poller.unref(): ${afterUnref.join(', ')}`);

  // The real fix is to stop what we started: then nothing is left.
  clearInterval(poller);
  clearTimeout(reminder);
  server.close();
  await once(server, 'close');
  // Closing finishes a few turns of the loop after 'close' is emitted
  // (libuv closes the socket last), so we look again for a bounded while.
  let afterCleanup = leftOpen(before);
  for (let turn = 0; afterCleanup.length > 0 && turn < 500; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    afterCleanup = leftOpen(before);
  }
  console.log(`after cleanup: ${afterCleanup.length} left open`);
  return { leaked, afterUnref, afterCleanup };
}

if (isEntry(import.meta.url)) await main();

// Output:
// left open: TCPServerWrap, Timeout
// after poller.unref(): TCPServerWrap
// after cleanup: 0 left open
