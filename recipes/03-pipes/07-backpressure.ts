/**
 * An OS pipe between processes, with backpressure (`stream.pipeline`)
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (beyond the book: `send` on a full pipe just blocks)
 * @covers  none
 * @run     npm run recipe -- pipes/backpressure
 * @timeout 60000
 * @see     pipes/pipeline
 *
 * In Python a `send` into a full OS pipe blocks the sender until the
 * reader catches up: backpressure for free, at the cost of a stuck
 * thread. A Node stream never blocks; we show what it does instead.
 */
import { once } from 'node:events';
import net from 'node:net';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';

// 16 MiB in 64 KiB writes; the producer either waits for 'drain' when
// `write()` says false, or ignores it.
export const TOTAL = 16 * 1024 * 1024;
export const CHUNK = 64 * 1024;
type Mode = 'respect' | 'ignore';

// The producer child writes TOTAL bytes and watches its own queue. Node's
// `write()` never blocks: it queues the bytes in memory and returns false
// once the queue passes its high-water mark.
async function producer(mode: Mode): Promise<void> {
  // fd 4 is the extra pipe the parent opened for us (its stdio[4]).
  const out = new net.Socket({ fd: 4, readable: false, writable: true });
  const chunk = Buffer.alloc(CHUNK, 7);
  let peak = 0;
  // `writableLength` is what Node holds in our memory for the pipe: if
  // we ignore `write()`'s false, it keeps growing.
  for (let sent = 0; sent < TOTAL; sent += CHUNK) {
    const ok = out.write(chunk);
    peak = Math.max(peak, out.writableLength);
    if (!ok && mode === 'respect') await once(out, 'drain');
  }
  // Everything flushed: report the peak, then let go of the channel.
  out.end();
  await once(out, 'finish');
  process.send!({ peak, highWaterMark: out.writableHighWaterMark },
    () => process.disconnect());
}

// What one run saw: bytes received, and the producer's peak queue.
export interface Run {
  mode: Mode;
  received: number;
  peak: number;
  highWaterMark: number;
}

// The producer writes to an extra pipe (fd 4); we read it through a
// stage that sleeps on every chunk, so the pipe fills up.
async function run(mode: Mode): Promise<Run> {
  const child = forkRole(import.meta.url, 'producer', [mode],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'] });
  // The producer's own numbers come over IPC once it has flushed.
  const report = new Promise<Omit<Run, 'mode' | 'received'>>((resolve) =>
    child.once('message', (m) => resolve(m as Run)));
  // The sink counts what arrives at the end of the pipeline.
  let received = 0;
  // The slow stage: it sleeps on every chunk, like a busy reader.
  const slow = new Transform({
    async transform(chunk: Buffer, _enc, done): Promise<void> {
      await sleep(1); // a reader slower than the writer
      done(null, chunk);
    },
  });
  // The sink takes whatever reaches it at once; only `slow` holds back.
  const sink = new Writable({
    write(chunk: Buffer, _enc, done): void {
      received += chunk.length;
      done();
    },
  });
  // `pipeline` passes backpressure along and tears all down on error.
  await pipeline(child.stdio[4] as Readable, slow, sink);
  const { peak, highWaterMark } = await report;
  await exited(child);
  return { mode, received, peak, highWaterMark };
}

// Both modes, then what the numbers show: waiting for 'drain' holds about
// one high-water mark; ignoring it holds whatever the reader has not
// taken yet, here megabytes.
export async function main(): Promise<Run[]> {
  const runs = [await run('respect'), await run('ignore')];
  const kib = (n: number): string => `${Math.round(n / 1024)} KiB`;
  for (const r of runs) {
    console.log(`${r.mode.padEnd(7)} write(): received ` +
      `${r.received === TOTAL ? 'all' : r.received} bytes; the producer ` +
      `held up to ${kib(r.peak)}`);
  }
  // The two claims, as booleans the output block can check exactly.
  const [respect, ignore] = runs as [Run, Run];
  console.log(`'drain' kept it within a chunk of the ` +
    `${kib(respect.highWaterMark)} high-water mark: ` +
    `${respect.peak <= respect.highWaterMark + CHUNK}`);
  console.log(`ignoring write() queued more than 1 MiB: ` +
    `${ignore.peak > 1024 * 1024}`);
  return runs;
}

// The producer runs this file in its `producer` role.
if (childRole(import.meta.url) === 'producer') {
  await producer(childArgs()[0] as Mode);
} else if (isEntry(import.meta.url)) await main();

// Output:
// respect write(): received all bytes; the producer held up to {*} KiB
// ignore  write(): received all bytes; the producer held up to {*} KiB
// 'drain' kept it within a chunk of the 16 KiB high-water mark: true
// ignoring write() queued more than 1 MiB: true
