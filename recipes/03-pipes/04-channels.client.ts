/**
 * The parent's half of an echo child, shared by pipes/channels and
 * pipes/blocking-channels (and their benchmarks).
 *
 * Whatever the channel, a request waits for the next reply, in order,
 * and a child that dies fails every open request (and later ones) with
 * its name instead of leaving them hanging. A recipe says how the bytes
 * travel by handing `echoClient` a `connect` function: it wires replies
 * to `settle` and returns how to `send` (and how to `close`).
 */
import type { ChildProcess } from 'node:child_process';
import { exited } from '@cookbook/shared';
import { FrameDecoder, writeFrame } from '@cookbook/shared/framing';

// What a recipe gets back: the child's pid, a request that resolves to
// the echoed bytes, and a close that waits for the child to exit.
export interface Echo {
  channel: string;
  pid: number;
  request(payload: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

// How bytes leave for the child on one channel (and how it is shut).
export interface Wire {
  send(payload: Buffer): void;
  close?(): void;
}

// A channel's wiring: given where replies and errors go, it returns
// the Wire to send on.
type Connect = (settle: (reply: Buffer) => void,
  fail: (error: Error) => void) => Wire;

// Requests wait in a FIFO: the child answers in order, so each reply
// settles the oldest request still waiting.
export function echoClient(
  child: ChildProcess,
  channel: string,
  connect: Connect,
): Echo {
  const waiting: Array<[(r: Buffer) => void, (e: Error) => void]> = [];
  // Writes to a dead child fail too: its exit already said so.
  let dead: Error | undefined;
  child.stdin?.on('error', () => {});
  const onExit = (code: number | null, signal: string | null): void => {
    dead = new Error(`echo child ${child.pid} (${channel}) exited ` +
      `(${signal ?? `code ${code}`})`);
    for (const [, fail] of waiting.splice(0)) fail(dead);
  };
  // A child that is gone already fails the first request at once.
  if (child.exitCode !== null || child.signalCode !== null) {
    onExit(child.exitCode, child.signalCode);
  } else child.once('exit', onExit);
  const wire = connect((reply) => waiting.shift()?.[0](reply),
    (error) => waiting.shift()?.[1](error));
  // A request on a dead child fails at once; close ends every way in
  // (wire, stdin, IPC) and waits for the exit, so no child outlives us.
  return {
    channel,
    pid: child.pid!,
    request: (payload) => new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      waiting.push([resolve, reject]);
      wire.send(payload);
    }),
    close: async () => {
      wire.close?.();
      child.stdin?.end();
      if (child.connected) child.disconnect();
      await exited(child);
    },
  };
}

/** A byte stream each way, carrying length-prefixed frames. */
export function framed(
  readable: NodeJS.ReadableStream,
  writable: NodeJS.WritableStream,
): Connect {
  return (settle) => {
    // A chunk may hold several frames, or part of one: the decoder
    // hands back only whole frames.
    const decoder = new FrameDecoder();
    readable.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) settle(frame);
    });
    return {
      send: (payload) => writeFrame(writable as never, payload),
      close: () => writable.end(),
    };
  };
}

/** `count` round trips of 8 bytes; true when every echo came back. */
export async function echoesIntact(echo: Echo, count: number):
  Promise<boolean> {
  // The payload is the trip's number, so a reply from another trip
  // (out of order, or doubled) would not be equal.
  let all = true;
  for (let i = 0; i < count; i++) {
    const payload = Buffer.alloc(8);
    payload.writeDoubleBE(i);
    all &&= (await echo.request(payload)).equals(payload);
  }
  return all;
}
