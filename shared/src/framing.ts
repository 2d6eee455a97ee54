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
