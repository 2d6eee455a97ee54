/**
 * Duplex and one-way channels between processes
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (`Pipe(duplex=True)`; the Node channels are beyond the
 *          book)
 * @covers  none
 * @run     npm run recipe -- pipes/channels
 * @needs   posix
 * @timeout 60000
 * @see     pipes/framing, pipes/ipc-serialization
 *
 * `multiprocessing.Pipe()` is duplex by default (both ends send and
 * receive) and one-way with `duplex=False`. Node offers several roads to
 * a child: the IPC channel of `fork` (duplex, whole messages, JSON or
 * V8 serialization), its stdin and stdout (two one-way byte pipes), and
 * sockets it can listen on: a Unix domain socket or loopback TCP (duplex
 * byte streams). `stdio-sync` is the same pair of pipes, served by a
 * child that blocks in `readSync` instead of running an event loop;
 * `fifo-sync` blocks on both ends, as Python's `Pipe` does, over two
 * named pipes (04-channels.blocking.ts): the fastest round trip, paid
 * for with a parent whose event loop stops while it waits for a reply.
 * Byte streams have no message boundaries, so on those we send
 * length-prefixed frames (@cookbook/shared/framing). One echo child
 * serves each channel; we make 100 round trips on each and check every
 * echo. The ProcessRoundTrip and ProcessThroughput benchmarks time them.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exited, isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { FrameDecoder, writeFrame } from '@cookbook/shared/framing';
import { echoFifos, echoStdioBlocking, FifoPair }
  from './04-channels.blocking.ts';

export const CHANNELS = ['ipc-json', 'ipc-advanced', 'stdio',
  'stdio-sync', 'fifo-sync', 'unix-socket', 'tcp'] as const;
export type Channel = (typeof CHANNELS)[number];
const ROUND_TRIPS = 100;

// ── Echo child: sends back whatever arrives, on its channel ──────────
async function echo(channel: Channel, fifos: string[]): Promise<void> {
  process.once('disconnect', () => process.exit(0));
  if (!process.connected) process.exit(0);
  if (channel === 'ipc-json' || channel === 'ipc-advanced') {
    process.on('message', (m) => process.send!(m));
  } else if (channel === 'stdio') {
    process.stdin.pipe(process.stdout); // bytes in, the same bytes out
  } else if (channel === 'stdio-sync') {
    echoStdioBlocking(); // this child does nothing else: it may block
  } else if (channel === 'fifo-sync') {
    echoFifos(fifos[0]!, fifos[1]!);
  } else {
    const server = net.createServer((s) => s.setNoDelay(true).pipe(s));
    const socketPath = path.join(os.tmpdir(), `cookbook-echo-${process.pid}`);
    const where = channel === 'tcp' ? { host: '127.0.0.1', port: 0 }
      : { path: socketPath };
    // A Unix socket is a file: remove it however we exit.
    process.on('exit', () => rmSync(socketPath, { force: true }));
    server.listen(where);
    await once(server, 'listening');
    process.send!(server.address());
  }
}

// ── Parent side: one `request` per round trip, replies in order ──────
export interface Echo {
  channel: Channel;
  pid: number;
  request(payload: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startEcho(channel: Channel): Promise<Echo> {
  const json = channel === 'ipc-json';
  const fifos = channel === 'fifo-sync' ? new FifoPair() : undefined;
  const names = fifos ? [fifos.toChild, fifos.toParent] : [];
  const child: ChildProcess = forkRole(import.meta.url, 'echo',
    [channel, ...names], {
    serialization: json ? 'json' : 'advanced',
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });
  const waiting: Array<[(r: Buffer) => void, (e: Error) => void]> = [];
  const settle = (reply: Buffer): void => waiting.shift()?.[0](reply);
  // An echo child that dies fails its open requests, and later ones,
  // instead of leaving them hanging (writes to it then fail: ignored).
  let dead: Error | undefined;
  child.stdin?.on('error', () => {});
  child.once('exit', (code, signal) => {
    dead = new Error(`echo child ${child.pid} (${channel}) exited ` +
      `(${signal ?? `code ${code}`})`);
    for (const [, fail] of waiting.splice(0)) fail(dead);
  });
  let send: (payload: Buffer) => void;
  let stream: net.Socket | undefined;

  if (channel === 'ipc-json' || channel === 'ipc-advanced') {
    // JSON has no bytes type: we send base64 text. V8 sends the bytes.
    child.on('message', (m: string | Uint8Array) => settle(json
      ? Buffer.from(m as string, 'base64') : Buffer.from(m as Uint8Array)));
    send = (p) => child.send(json ? p.toString('base64') : p);
  } else if (fifos) {
    // Once the child holds its ends, a request is one blocking call: the
    // reply is in when it returns (no reply: the child is gone).
    await once(child, 'message');
    fifos.opened();
    send = (p) => {
      const reply = fifos.call(p);
      if (reply) return settle(reply);
      waiting.shift()?.[1](new Error(
        `echo child ${child.pid} (${channel}) closed its pipe`));
    };
  } else {
    let writable = child.stdin!;
    let readable: NodeJS.ReadableStream = child.stdout!;
    if (!channel.startsWith('stdio')) {
      const [address] = await once(child, 'message');
      stream = net.connect(address as net.NetConnectOpts).setNoDelay(true);
      await once(stream, 'connect');
      writable = stream as never;
      readable = stream;
    }
    const decoder = new FrameDecoder();
    readable.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) settle(frame);
    });
    send = (p) => writeFrame(writable, p);
  }
  return {
    channel,
    pid: child.pid!,
    request: (payload) => new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      waiting.push([resolve, reject]);
      send(payload);
    }),
    close: async () => {
      stream?.end();
      child.stdin?.end();
      fifos?.close();
      if (child.connected) child.disconnect();
      await exited(child);
    },
  };
}

// ── Main side: 100 round trips on each channel ───────────────────────
export async function main(): Promise<Record<Channel, boolean>> {
  const ok = {} as Record<Channel, boolean>;
  for (const channel of CHANNELS) {
    const e = await startEcho(channel);
    try {
      let all = true;
      for (let i = 0; i < ROUND_TRIPS; i++) {
        const payload = Buffer.alloc(8);
        payload.writeDoubleBE(i);
        all &&= (await e.request(payload)).equals(payload);
      }
      ok[channel] = all;
    } finally {
      await e.close();
    }
    const kind = channel.startsWith('ipc') ? 'duplex, whole messages'
      : channel.startsWith('stdio') ? 'two one-way pipes, framed bytes'
        : channel === 'fifo-sync' ? 'two FIFOs, both ends block'
          : 'duplex stream, framed bytes';
    console.log(`${channel.padEnd(13)} ${kind.padEnd(32)} ` +
      `${ROUND_TRIPS} round trips: ${ok[channel] ? 'ok' : 'WRONG'}`);
  }
  return ok;
}

const role = childRole(import.meta.url);
if (role === 'echo') {
  const [channel, ...fifos] = childArgs();
  await echo(channel as Channel, fifos);
} else if (isEntry(import.meta.url)) await main();

// Output:
// ipc-json      duplex, whole messages           100 round trips: ok
// ipc-advanced  duplex, whole messages           100 round trips: ok
// stdio         two one-way pipes, framed bytes  100 round trips: ok
// stdio-sync    two one-way pipes, framed bytes  100 round trips: ok
// fifo-sync     two FIFOs, both ends block       100 round trips: ok
// unix-socket   duplex stream, framed bytes      100 round trips: ok
// tcp           duplex stream, framed bytes      100 round trips: ok
