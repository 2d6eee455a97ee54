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
 * @see     pipes/blocking-channels, pipes/framing, pipes/ipc-serialization
 *
 * `multiprocessing.Pipe()` is duplex by default and one-way with
 * `duplex=False`. Node offers several roads to a child; we try each one.
 * The ProcessRoundTrip and ProcessThroughput benchmarks time them.
 */
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isEntry } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { echoClient, echoesIntact, framed, type Echo }
  from './04-channels.client.ts';

// The roads: fork's IPC channel (duplex, whole messages, JSON or V8
// serialization), stdin/stdout (two one-way byte pipes), and sockets the
// child listens on (duplex byte streams). 100 round trips on each.
export const CHANNELS = ['ipc-json', 'ipc-advanced', 'stdio',
  'unix-socket', 'tcp'] as const;
export type Channel = (typeof CHANNELS)[number];
const ROUND_TRIPS = 100;

// The echo child sends back whatever arrives on its channel. It leaves
// when the parent closes the IPC channel (or is already gone).
async function echo(channel: Channel): Promise<void> {
  process.once('disconnect', () => process.exit(0));
  if (!process.connected) process.exit(0);
  if (channel === 'ipc-json' || channel === 'ipc-advanced') {
    // IPC delivers whole messages, so one `send` answers one message.
    process.on('message', (m) => process.send!(m));
  } else if (channel === 'stdio') {
    // Bytes in, the same bytes out: the frames pass through untouched.
    process.stdin.pipe(process.stdout);
  } else {
    // A socket server echoes each connection; we tell the parent where.
    // `setNoDelay` turns off Nagle's delay, which would hold small frames.
    const server = net.createServer((s) => s.setNoDelay(true).pipe(s));
    const socketPath = path.join(os.tmpdir(), `cookbook-echo-${process.pid}`);
    // A Unix socket is a file: remove it however we exit.
    process.on('exit', () => rmSync(socketPath, { force: true }));
    // A Unix socket is named by its path; TCP gets a free loopback port.
    server.listen(channel === 'tcp' ? { host: '127.0.0.1', port: 0 }
      : { path: socketPath });
    await once(server, 'listening');
    process.send!(server.address());
  }
}

// The parent's side: how each channel sends a request and gets a reply.
// Byte streams have no message boundaries, so on those we send
// length-prefixed frames (@cookbook/shared/framing).
export async function startEcho(channel: Channel): Promise<Echo> {
  const json = channel === 'ipc-json';
  const child = forkRole(import.meta.url, 'echo', [channel], {
    serialization: json ? 'json' : 'advanced',
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });
  // IPC carries whole messages. JSON has no bytes type, so we send
  // base64 text; V8 serialization sends the bytes as they are.
  if (channel === 'ipc-json' || channel === 'ipc-advanced') {
    return echoClient(child, channel, (settle) => {
      child.on('message', (m: string | Uint8Array) => settle(json
        ? Buffer.from(m as string, 'base64') : Buffer.from(m as Uint8Array)));
      return { send: (p) => child.send(json ? p.toString('base64') : p) };
    });
  }
  // stdin and stdout: one pipe each way, carrying frames.
  if (channel === 'stdio') {
    return echoClient(child, channel, framed(child.stdout!, child.stdin!));
  }
  // A socket: one duplex stream to the address the child listens on.
  const [address] = await once(child, 'message');
  const socket = net.connect(address as net.NetConnectOpts).setNoDelay(true);
  await once(socket, 'connect');
  return echoClient(child, channel, framed(socket, socket));
}

// Main gives each channel its own echo child, checks every echo, and
// closes the child before the next, so no process outlives its channel.
export async function main(): Promise<Record<Channel, boolean>> {
  const ok = {} as Record<Channel, boolean>;
  for (const channel of CHANNELS) {
    const e = await startEcho(channel);
    try {
      ok[channel] = await echoesIntact(e, ROUND_TRIPS);
    } finally {
      await e.close();
    }
    // One line per channel: what kind of road it is, and the verdict.
    const kind = channel.startsWith('ipc') ? 'duplex, whole messages'
      : channel === 'stdio' ? 'two one-way pipes, framed bytes'
        : 'duplex stream, framed bytes';
    console.log(`${channel.padEnd(13)} ${kind.padEnd(32)} ` +
      `${ROUND_TRIPS} round trips: ${ok[channel] ? 'ok' : 'WRONG'}`);
  }
  return ok;
}

// The echo child runs this file too, in its `echo` role.
if (childRole(import.meta.url) === 'echo') {
  await echo(childArgs()[0] as Channel);
} else if (isEntry(import.meta.url)) await main();

// Output:
// ipc-json      duplex, whole messages           100 round trips: ok
// ipc-advanced  duplex, whole messages           100 round trips: ok
// stdio         two one-way pipes, framed bytes  100 round trips: ok
// unix-socket   duplex stream, framed bytes      100 round trips: ok
// tcp           duplex stream, framed bytes      100 round trips: ok
