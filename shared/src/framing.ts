/**
 * Length-prefixed binary frames on a byte stream (pipe, socket).
 *
 * A stream has no message boundaries: one `write` of 16 MB arrives as
 * many chunks, and two small writes may arrive as one. A frame is a
 * 4-byte big-endian length, then that many bytes. The decoder keeps the
 * chunks it has until a whole frame is there, so it copies each byte at
 * most once, and it refuses a length above `maxFrame` instead of
 * trying to allocate it (a corrupt or hostile length must not take the
 * process down). pipes/framing builds the minimal version of this.
 */
import { readSync, writeSync, writevSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export const HEADER_BYTES = 4;
export const DEFAULT_MAX_FRAME = 256 * 1024 * 1024;

/** The 4-byte header for a payload of `length` bytes. */
export function frameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(length, 0);
  return header;
}

/**
 * Writes one frame: header and payload in one `writev` when the stream
 * supports it (sockets and pipes do). Returns `write`'s backpressure
 * answer: false means wait for 'drain'.
 */
export function writeFrame(stream: Writable, payload: Uint8Array): boolean {
  if (payload.byteLength > 0xffff_ffff) {
    throw new RangeError(`frame of ${payload.byteLength} bytes is too big`);
  }
  stream.cork();
  stream.write(frameHeader(payload.byteLength));
  const ok = stream.write(payload);
  stream.uncork();
  return ok;
}

/**
 * Writes one frame to a file descriptor with blocking writes: header and
 * payload in one `writev`. Meant for fds from `fs.openSync` (a FIFO, a
 * file), which block: a full pipe makes the caller wait, as Python's
 * `Connection.send` does. Node's own stream fds are non-blocking (EAGAIN).
 */
export function writeFrameSync(fd: number, payload: Uint8Array): void {
  const header = frameHeader(payload.byteLength);
  const total = HEADER_BYTES + payload.byteLength;
  // A signal may cut a blocking write short: finish what is left.
  for (let sent = writevSync(fd, [header, payload]); sent < total;) {
    sent += sent < HEADER_BYTES ? writeSync(fd, header, sent)
      : writeSync(fd, payload, sent - HEADER_BYTES);
  }
}

/**
 * Reads one whole frame from a blocking file descriptor, or undefined at
 * a clean end of file. It reads exactly the header, then exactly the
 * payload, never past the frame, so the next frame stays in the pipe.
 */
export function readFrameSync(
  fd: number,
  maxFrame = DEFAULT_MAX_FRAME,
): Buffer | undefined {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  const got = readFully(fd, header);
  if (got === 0) return undefined;
  if (got < HEADER_BYTES) throw endedInside(got);
  const length = header.readUInt32BE(0);
  if (length > maxFrame) {
    throw new RangeError(`frame length ${length} exceeds ` +
      `the limit of ${maxFrame} bytes`);
  }
  const payload = Buffer.allocUnsafe(length);
  const read = readFully(fd, payload);
  if (read < length) throw endedInside(HEADER_BYTES + read);
  return payload;
}

const endedInside = (bytes: number): Error =>
  new Error(`stream ended inside a frame (${bytes} bytes)`);

// Blocking reads until `buffer` is full or the stream ends.
function readFully(fd: number, buffer: Buffer): number {
  let got = 0;
  while (got < buffer.length) {
    const n = readSync(fd, buffer, got, buffer.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** Turns chunks into whole frames. */
export class FrameDecoder {
  readonly maxFrame: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #need = -1; // the current frame's length, once its header is in

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  /** Adds a chunk; returns the frames it completed (often none). */
  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.#need < 0) {
        if (this.#buffered < HEADER_BYTES) break;
        this.#need = this.#take(HEADER_BYTES).readUInt32BE(0);
        if (this.#need > this.maxFrame) {
          throw new RangeError(`frame length ${this.#need} exceeds ` +
            `the limit of ${this.maxFrame} bytes`);
        }
      }
      if (this.#buffered < this.#need) break;
      frames.push(this.#take(this.#need));
      this.#need = -1;
    }
    return frames;
  }

  /** Bytes of an unfinished frame still held (0 at a clean end). */
  get pending(): number {
    return this.#buffered + (this.#need >= 0 ? HEADER_BYTES : 0);
  }

  // Takes `n` bytes off the front: a slice when one chunk holds them.
  #take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.#chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.#chunks[0]!;
        const part = Math.min(chunk.length, n - filled);
        chunk.copy(out, filled, 0, part);
        filled += part;
        if (part === chunk.length) this.#chunks.shift();
        else this.#chunks[0] = chunk.subarray(part);
      }
    }
    this.#buffered -= n;
    return out;
  }
}

/** The frames of a stream; throws if it ends inside a frame. */
export async function* readFrames(
  stream: Readable,
  maxFrame = DEFAULT_MAX_FRAME,
): AsyncGenerator<Buffer> {
  const decoder = new FrameDecoder(maxFrame);
  for await (const chunk of stream) {
    yield* decoder.push(chunk as Buffer);
  }
  if (decoder.pending > 0) {
    throw new Error(`stream ended inside a frame (${decoder.pending} bytes)`);
  }
}
