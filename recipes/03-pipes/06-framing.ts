/**
 * Length-prefixed framing for large messages on a byte stream
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using pipes to exchange
 *          objects (beyond the book: a `Connection` frames for us)
 * @covers  none
 * @run     npm run recipe -- pipes/framing
 * @timeout 60000
 * @see     pipes/channels — the hardened framing in use
 *
 * Python's `Connection.send` writes a length, then the pickled bytes, and
 * `recv` reads exactly one message back. A Node pipe is a plain byte
 * stream, so we frame by hand.
 */
import { createHash } from 'node:crypto';
import { exited, isEntry } from '@cookbook/shared';
import { childRole, forkRole } from '@cookbook/shared/child-role';

// Three messages: small, large (16 MiB, many pipe chunks), tiny.
export const SIZES = [1024, 16 * 1024 * 1024, 5];

// A frame is a 4-byte big-endian length, then the payload. This is the
// minimal version; @cookbook/shared/framing also skips the copy of a frame
// that sits in one chunk, and caps the length so a corrupt header cannot
// make it allocate gigabytes.
export function encode(payload: Buffer): Buffer[] {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(payload.length);
  return [header, payload];
}

// The decoder gathers chunks and calls `onFrame` once per whole frame,
// however the pipe cut the bytes: one 16 MB `write` arrives as many
// chunks, and small writes can arrive glued together.
export function decoder(onFrame: (frame: Buffer) => void) {
  let chunks: Buffer[] = [];
  let held = 0;
  return (chunk: Buffer): void => {
    chunks.push(chunk);
    held += chunk.length;
    // Join the chunks only once a whole frame is in: one copy per frame.
    for (;;) {
      // Not even a length yet, or not the whole payload: wait for more.
      if (held < 4) return;
      if (chunks[0]!.length < 4) chunks = [Buffer.concat(chunks)];
      const end = 4 + chunks[0]!.readUInt32BE(0);
      if (held < end) return;
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      onFrame(all.subarray(4, end));
      chunks = all.length > end ? [all.subarray(end)] : [];
      held -= end;
    }
  };
}

// A short fingerprint, to compare what was sent with what arrived.
const digest = (b: Buffer): string =>
  createHash('sha256').update(b).digest('hex').slice(0, 12);

// What the reader tells main: how many chunks it got, and each frame's
// length and fingerprint.
interface Report { chunks: number; frames: Array<[number, string]> }

// The reader counts the chunks the pipe hands it and decodes frames,
// then reports both to the parent over IPC when stdin ends.
function reader(): void {
  const report: Report = { chunks: 0, frames: [] };
  const push = decoder((f) => report.frames.push([f.length, digest(f)]));
  process.stdin.on('data', (chunk: Buffer) => {
    report.chunks++;
    push(chunk);
  });
  process.stdin.on('end', () => process.send!(report, () =>
    process.disconnect()));
}

// The reader's report, plus what we sent.
export interface Result extends Report { sent: Array<[number, string]> }

// Main writes the frames to the reader's stdin and compares.
export async function main(): Promise<Result> {
  const child = forkRole(import.meta.url, 'reader', [],
    { stdio: ['pipe', 'inherit', 'inherit', 'ipc'] });
  const report = new Promise<Report>((resolve) =>
    child.once('message', (m) => resolve(m as Report)));
  const payloads = SIZES.map((n, i) => Buffer.alloc(n, i + 1));
  // Every frame goes out in two writes (header, payload), back to back.
  for (const p of payloads) {
    for (const part of encode(p)) child.stdin!.write(part);
  }
  child.stdin!.end();
  const { chunks, frames } = await report;
  await exited(child);

  // Intact means: the same lengths and fingerprints, in order.
  const sent = payloads.map((p): [number, string] => [p.length, digest(p)]);
  const intact = JSON.stringify(sent) === JSON.stringify(frames);
  console.log(`sent ${sent.length} messages: ${SIZES.join(', ')} bytes`);
  console.log(`the pipe delivered ${chunks} chunks (not ${sent.length}: ` +
    `${chunks > sent.length})`);
  console.log(`frames decoded: ${frames.map((f) => f[0]).join(', ')} ` +
    `bytes, all intact: ${intact}`);
  return { chunks, frames, sent };
}

// The reader runs this file in its `reader` role.
if (childRole(import.meta.url) === 'reader') reader();
else if (isEntry(import.meta.url)) await main();

// Output:
// sent 3 messages: 1024, 16777216, 5 bytes
// the pipe delivered {*} chunks (not 3: true)
// frames decoded: 1024, 16777216, 5 bytes, all intact: true
