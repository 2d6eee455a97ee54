/**
 * Sending data to a worker and back: clone, JSON, transfer, share
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" (beyond the book: Python
 *          threads pass references, so none of these costs exists)
 * @covers  none
 * @run     npm run recipe -- threads/data-between-threads
 * @see     threads/pool-transfer
 *
 * Between Python threads an object is passed by reference. Between Node
 * workers, `postMessage` has four ways to move bytes: structured clone
 * (a copy), a JSON string (encode, copy the string, decode), transfer
 * (the ArrayBuffer changes owner; ours is left empty) and a
 * SharedArrayBuffer (nothing moves; both threads see the same memory).
 * An echo worker stamps the last byte of what it gets and sends it back;
 * we time one round trip per method and size, and check every reply.
 * The benchmark (35-data-between-threads.bench.ts) sweeps 64 B - 64 MB.
 */
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import { isEntry, nextMessage, spawnWorker } from '@cookbook/shared';

export const METHODS = ['clone', 'json', 'transfer', 'shared'] as const;
export type Method = (typeof METHODS)[number];

// The sizes the recipe prints; the bench covers more.
const SIZES = [64, 64 * 1024, 16 * 1024 * 1024];
// What the worker writes into the last byte.
const STAMP = 1;

// JSON has no bytes, so binary travels as base64 text, as in web APIs.
function encode(bytes: Uint8Array): string {
  return JSON.stringify({ base64: Buffer.from(bytes).toString('base64') });
}
function decode(text: string): Uint8Array {
  const { base64 } = JSON.parse(text) as { base64: string };
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

// Only an ArrayBuffer can change owner; shared memory has no owner.
function own(bytes: Uint8Array): ArrayBuffer {
  if (!(bytes.buffer instanceof ArrayBuffer)) throw new TypeError('shared');
  return bytes.buffer;
}

interface Request {
  method: Method;
  payload: Uint8Array | string;
}

// ── Worker side ────────────────────────────────────────────────────
// Each reply goes back the way the request came.
function serve(port: NonNullable<typeof parentPort>): void {
  port.on('message', ({ method, payload }: Request) => {
    const bytes = typeof payload === 'string' ? decode(payload) : payload;
    bytes[bytes.length - 1] = STAMP;
    if (method === 'json') port.postMessage(encode(bytes));
    else if (method === 'transfer') port.postMessage(bytes, [own(bytes)]);
    else port.postMessage(bytes); // copied, unless its memory is shared
  });
}

// ── Main side ──────────────────────────────────────────────────────
/** Bytes i*7 mod 256, last byte 0; over shared memory for 'shared'. */
export function makePayload(size: number, method: Method): Uint8Array {
  const memory =
    method === 'shared' ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  const bytes = new Uint8Array(memory);
  for (let i = 0; i < size - 1; i++) bytes[i] = (7 * i) & 0xff;
  return bytes;
}

export function startEcho(): Worker {
  return spawnWorker(new URL(import.meta.url));
}

/** Main -> worker -> main; resolves with the reply's bytes. */
export async function roundTrip(
  echo: Worker,
  method: Method,
  bytes: Uint8Array,
): Promise<Uint8Array> {
  const reply = nextMessage<Uint8Array | string>(echo);
  if (method === 'json') {
    echo.postMessage({ method, payload: encode(bytes) });
  } else if (method === 'transfer') {
    echo.postMessage({ method, payload: bytes }, [own(bytes)]);
  } else {
    echo.postMessage({ method, payload: bytes });
  }
  const got = await reply;
  return typeof got === 'string' ? decode(got) : got;
}

export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (Math.imul(sum, 31) + b) >>> 0;
  return sum;
}

export interface Row {
  method: Method;
  size: number;
  ms: number;
  /** Our payload after the trip: its length, and its last byte. */
  senderLength: number;
  senderLast: number | undefined;
  replyLength: number;
  intact: boolean;
}

const label = (n: number): string =>
  n >= 2 ** 20 ? `${n / 2 ** 20} MB` : n >= 1024 ? `${n / 1024} KB` : `${n} B`;

export async function main(): Promise<Row[]> {
  const echo = startEcho();
  try {
    // The first trips wait for the worker to boot and warm up each
    // method's code: not timed.
    for (const method of METHODS) {
      await roundTrip(echo, method, makePayload(1024, method));
    }
    const rows: Row[] = [];
    console.log('round trip main -> worker -> main, ms');
    console.log(`${'size'.padStart(6)}${METHODS.map((m) =>
      m.padStart(10)).join('')}`);
    for (const size of SIZES) {
      const cells: string[] = [];
      for (const method of METHODS) {
        const bytes = makePayload(size, method);
        const expected = makePayload(size, 'clone');
        expected[size - 1] = STAMP;
        const t0 = performance.now();
        const reply = await roundTrip(echo, method, bytes);
        const ms = performance.now() - t0;
        cells.push(ms.toFixed(3).padStart(10));
        rows.push({
          method, size, ms,
          senderLength: bytes.byteLength,
          senderLast: bytes[size - 1],
          replyLength: reply.byteLength,
          intact: checksum(reply) === checksum(expected),
        });
      }
      console.log(`${label(size).padStart(6)}${cells.join('')}`);
    }
    // What each method left in *our* hands, for the largest payload.
    const big = SIZES[SIZES.length - 1]!;
    console.log(`after a ${label(big)} trip, the sender's payload:`);
    for (const r of rows.filter((x) => x.size === big)) {
      console.log(`  ${r.method.padEnd(8)} ${r.senderLength} bytes, ` +
        `last byte ${r.senderLast ?? '-'}`);
    }
    const intact = rows.filter((r) => r.intact).length;
    console.log(`replies intact (checksum): ${intact} of ${rows.length}`);
    return rows;
  } finally {
    await echo.terminate();
  }
}

if (!isMainThread) serve(parentPort!);
else if (isEntry(import.meta.url)) await main();

// Output:
// round trip main -> worker -> main, ms
//   size     clone      json  transfer    shared
//   64 B {*}
//  64 KB {*}
//  16 MB {*}
// after a 16 MB trip, the sender's payload:
//   clone    16777216 bytes, last byte 0
//   json     16777216 bytes, last byte 0
//   transfer 0 bytes, last byte -
//   shared   16777216 bytes, last byte 1
// replies intact (checksum): 12 of 12
