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
 * We time one 16 MB round trip per method, check every reply, and see
 * what each left in our hands.
 */
import { isMainThread, parentPort, type Worker } from 'node:worker_threads';
import { isEntry, nextMessage, spawnWorker } from '@cookbook/shared';
import { checksum, makePayload } from './35-data-between-threads.task.ts';

export const METHODS = ['clone', 'json', 'transfer', 'shared'] as const;
export type Method = (typeof METHODS)[number];

// One payload size here (the bench sweeps 64 B - 64 MB), and what the
// worker writes into the last byte.
const SIZE = 16 * 1024 * 1024;
const STAMP = 1;

// JSON has no bytes, so binary travels as base64 text, as in web APIs.
const encode = (bytes: Uint8Array): string =>
  JSON.stringify({ base64: Buffer.from(bytes).toString('base64') });
const decode = (text: string): Uint8Array => new Uint8Array(
  Buffer.from((JSON.parse(text) as { base64: string }).base64, 'base64'));

// Only an ArrayBuffer can change owner; what we transfer is always one.
const own = (bytes: Uint8Array) => bytes.buffer as ArrayBuffer;

// What main posts: the method, and the bytes (a string for JSON).
interface Request { method: Method; payload: Uint8Array | string }

// ── Worker side ────────────────────────────────────────────────────
// An echo worker stamps the last byte of what it gets and sends it
// back the way the request came.
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
// One echo worker serves every trip (the bench uses it too).
export const startEcho = (): Worker => spawnWorker(new URL(import.meta.url));

/** Main -> worker -> main; resolves with the reply's bytes. */
export async function roundTrip(echo: Worker, method: Method,
  bytes: Uint8Array): Promise<Uint8Array> {
  const reply = nextMessage<Uint8Array | string>(echo);
  // JSON goes as a string; a transfer hands the buffer over; the rest
  // post the bytes (copied, unless their memory is shared).
  const payload = method === 'json' ? encode(bytes) : bytes;
  echo.postMessage({ method, payload } satisfies Request,
    method === 'transfer' ? [own(bytes)] : []);
  const got = await reply;
  return typeof got === 'string' ? decode(got) : got;
}

// What one trip did, and what it left in *our* hands: the payload's
// length and last byte after the trip. main returns one Row per method.
export interface Row {
  method: Method; ms: number; senderLength: number;
  senderLast: number | undefined; replyLength: number; intact: boolean;
}

export interface Result { size: number; rows: Row[] }

// One trip per method, timed, with what it left us; then the checksums.
export async function main(): Promise<Result> {
  const echo = startEcho();
  try {
    // Untimed first trips boot the worker and warm each method's code.
    for (const method of METHODS)
      await roundTrip(echo, method, makePayload(1024, method));
    // Every reply should equal the payload with its last byte stamped.
    const expected = makePayload(SIZE, 'clone');
    expected[SIZE - 1] = STAMP;
    console.log(`${SIZE / 2 ** 20} MB, main -> worker -> main:`);
    const rows: Row[] = [];
    // We time the trip only, then note what our copy of the bytes holds.
    for (const method of METHODS) {
      const bytes = makePayload(SIZE, method);
      const started = performance.now();
      const reply = await roundTrip(echo, method, bytes);
      const ms = performance.now() - started;
      const row: Row = { method, ms, senderLength: bytes.byteLength,
        senderLast: bytes[SIZE - 1], replyLength: reply.byteLength,
        intact: checksum(reply) === checksum(expected) };
      rows.push(row);
      console.log(`  ${method.padEnd(8)} ${ms.toFixed(2)} ms; we keep ` +
        `${row.senderLength} bytes, last byte ${row.senderLast ?? '-'}`);
    }
    // Last, how many replies came back exactly as expected.
    const intact = rows.filter((r) => r.intact).length;
    console.log(`replies intact (checksum): ${intact} of ${rows.length}`);
    return { size: SIZE, rows };
  } finally {
    await echo.terminate();
  }
}

// In a worker this file echoes; as the entry, it runs main().
if (!isMainThread) serve(parentPort!);
else if (isEntry(import.meta.url)) await main();

// Output:
// 16 MB, main -> worker -> main:
//   clone    {*} ms; we keep 16777216 bytes, last byte 0
//   json     {*} ms; we keep 16777216 bytes, last byte 0
//   transfer {*} ms; we keep 0 bytes, last byte -
//   shared   {*} ms; we keep 16777216 bytes, last byte 1
// replies intact (checksum): 4 of 4
