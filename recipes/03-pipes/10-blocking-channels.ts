/**
 * The fastest round trip: blocking both ends of a pipe
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (`conn.recv()` blocks; the Node channels are beyond
 *          the book)
 * @covers  none
 * @run     npm run recipe -- pipes/blocking-channels
 * @needs   posix
 * @timeout 60000
 * @see     pipes/channels — the same echo on channels that never block
 *
 * Python's `Pipe` is a socketpair: `send` and `recv` wait in the kernel,
 * so a round trip costs two process wake-ups and little else. Every Node
 * channel in pipes/channels pays an event-loop turn on each side; here
 * are two ways to skip it (the blocking loops: 10-blocking-channels.io.ts).
 */
import { once } from 'node:events';
import { isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { echoClient, echoesIntact, framed, type Echo }
  from './04-channels.client.ts';
import { echoFifos, echoStdioBlocking, FifoPair }
  from './10-blocking-channels.io.ts';

// `stdio-sync`: a child that runs no event loop echoes its stdin with
// blocking `readSync` calls. `fifo-sync`: both ends block, as in Python,
// over two named pipes (FIFOs) opened with `fs.openSync`.
export const BLOCKING_CHANNELS = ['stdio-sync', 'fifo-sync'] as const;
export type BlockingChannel = (typeof BLOCKING_CHANNELS)[number];
const ROUND_TRIPS = 100;

// The echo child does nothing else, so it may block for good.
// (A parent that died while we were loading is not waited for.)
function echo(channel: BlockingChannel, fifos: string[]): void {
  if (!process.connected) process.exit(0);
  if (channel === 'stdio-sync') echoStdioBlocking();
  else echoFifos(fifos[0]!, fifos[1]!);
}

// The parent's side of each channel, shaped as pipes/channels' `Echo`,
// so the same round-trip check and benchmark drive both chapters' roads.
export async function startBlockingEcho(
  channel: BlockingChannel,
): Promise<Echo> {
  const fifos = channel === 'fifo-sync' ? new FifoPair() : undefined;
  // The child gets the FIFOs' names as arguments and opens them itself.
  const names = fifos ? [fifos.toChild, fifos.toParent] : [];
  const child = forkRole(import.meta.url, 'echo', [channel, ...names],
    { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
  // stdio-sync: the parent side is pipes/channels' stdio, event loop and
  // all; only the child blocks.
  if (!fifos) {
    return echoClient(child, channel, framed(child.stdout!, child.stdin!));
  }
  // fifo-sync: once the child holds its ends, a request is one blocking
  // call, and the reply is in when it returns (none: the child is gone).
  await once(child, 'message');
  fifos.opened();
  return echoClient(child, channel, (settle, fail) => ({
    send: (p) => {
      const reply = fifos.call(p);
      if (reply) settle(reply);
      else fail(new Error(`echo child ${child.pid} (${channel}) ` +
        'closed its pipe'));
    },
    close: () => fifos.close(),
  }));
}

// `fifo-sync` is the fastest round trip of the ProcessRoundTrip bench,
// and the price is Python's too: while the parent waits for a reply its
// event loop stops (no timer, no other I/O). We check for that.
export interface Result {
  echoed: boolean;
  /** Whether a `setImmediate` queued before the round trips ran. */
  loopTurned: boolean;
}

// Each channel: 100 round trips, checked, then one line of what it did.
export async function main(): Promise<Record<BlockingChannel, Result>> {
  const results = {} as Record<BlockingChannel, Result>;
  for (const channel of BLOCKING_CHANNELS) {
    const e = await startBlockingEcho(channel);
    let loopTurned = false;
    // Queued now, it can only run if our event loop turns meanwhile.
    const immediate = setImmediate(() => (loopTurned = true));
    try {
      results[channel] = { echoed: await echoesIntact(e, ROUND_TRIPS),
        loopTurned };
    } finally {
      clearImmediate(immediate);
      await e.close();
    }
    // One line per channel: who blocks, the verdict, and the loop's turn.
    const blocks = channel === 'fifo-sync' ? 'both ends block' : 'child blocks';
    const { echoed } = results[channel];
    console.log(`${channel.padEnd(11)} ${blocks.padEnd(16)} ` +
      `${ROUND_TRIPS} round trips: ${echoed ? 'ok' : 'WRONG'}` +
      `  event loop ran: ${loopTurned ? 'yes' : 'no'}`);
  }
  return results;
}

// The echo child runs this file too, in its `echo` role.
if (childRole(import.meta.url) === 'echo') {
  const [channel, ...fifos] = childArgs();
  echo(channel as BlockingChannel, fifos);
} else if (isEntry(import.meta.url)) await main();

// Output:
// stdio-sync  child blocks     100 round trips: ok  event loop ran: yes
// fifo-sync   both ends block  100 round trips: ok  event loop ran: no
