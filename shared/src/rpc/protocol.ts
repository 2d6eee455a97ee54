/**
 * Pyro4's wire protocol (version 48), the frames only.
 *
 * Every message is a 24-byte big-endian header, then annotations, then
 * the serialized data (json here):
 *
 *   "PYRO" u16 version, u16 type, u16 flags, u16 seq, i32 dataLen,
 *   u16 serializerId, u16 annotationsLen, u16 reserved, u16 checksum
 *
 * The checksum is (type + 48 + dataLen + annLen + serId + flags + seq +
 * 0x34E9) & 0xffff. An annotation is a 4-character key, a u16 length and
 * the bytes. With an HMAC key, an "HMAC" annotation carries HMAC-SHA1 of
 * the data followed by the other annotations' values in key order. This
 * matches Pyro4 4.82's message.py (checked on the wire against Debian's
 * python3-pyro4; see PLATFORM.md §6).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Writable } from 'node:stream';
import { ProtocolError, SecurityError } from './errors.ts';

export const PROTOCOL_VERSION = 48;
export const HEADER_SIZE = 24;
const CHECKSUM_MAGIC = 0x34e9;
/** Pyro4's serializer id for json. */
export const SERIALIZER_JSON = 2;

export const MSG_CONNECT = 1;
export const MSG_CONNECTOK = 2;
export const MSG_CONNECTFAIL = 3;
export const MSG_INVOKE = 4;
export const MSG_RESULT = 5;
export const MSG_PING = 6;

export const FLAGS_EXCEPTION = 1;
export const FLAGS_COMPRESSED = 2;
export const FLAGS_ONEWAY = 4;
export const FLAGS_BATCH = 8;
export const FLAGS_META_ON_CONNECT = 16;

/** Frames larger than this are refused (Pyro4's MAX_MESSAGE_SIZE). */
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

export interface Message {
  type: number;
  flags: number;
  seq: number;
  serializerId: number;
  annotations: ReadonlyMap<string, Buffer>;
  data: Buffer;
}

function checksum(type: number, flags: number, seq: number,
  dataLen: number, annLen: number, serId: number): number {
  return (type + PROTOCOL_VERSION + dataLen + annLen + serId + flags + seq +
    CHECKSUM_MAGIC) & 0xffff;
}

function hmacOf(key: Buffer, data: Buffer,
  annotations: ReadonlyMap<string, Buffer>): Buffer {
  const mac = createHmac('sha1', key).update(data);
  const keys = [...annotations.keys()].filter((k) => k !== 'HMAC').sort();
  for (const k of keys) mac.update(annotations.get(k)!);
  return mac.digest();
}

const NO_ANNOTATIONS: ReadonlyMap<string, Buffer> = new Map();
const MAGIC = 0x5059524f; // "PYRO" read as a big-endian u32

/**
 * One message as bytes, ready for a single `socket.write`. `data` may be
 * a string (json text): it is written straight into the frame, with no
 * Buffer of its own to allocate and copy.
 */
export function encodeMessage(
  type: number, data: Buffer | string, flags: number, seq: number,
  hmacKey?: Buffer, annotations?: ReadonlyMap<string, Buffer>,
): Buffer {
  // The common case (no key, no annotations) allocates no Map.
  let notes = annotations ?? NO_ANNOTATIONS;
  if (hmacKey) {
    if (typeof data === 'string') data = Buffer.from(data);
    const keyed = new Map(notes);
    keyed.set('HMAC', hmacOf(hmacKey, data, notes));
    notes = keyed;
  }
  let annLen = 0;
  for (const [k, v] of notes) {
    if (k.length !== 4) throw new ProtocolError('annotation key not 4 chars');
    annLen += 6 + v.length;
  }
  const dataLen = typeof data === 'string' ? Buffer.byteLength(data)
    : data.length;
  const out = Buffer.allocUnsafe(HEADER_SIZE + annLen + dataLen);
  out.writeUInt32BE(MAGIC, 0);
  out.writeUInt16BE(PROTOCOL_VERSION, 4);
  out.writeUInt16BE(type, 6);
  out.writeUInt16BE(flags, 8);
  out.writeUInt16BE(seq & 0xffff, 10);
  out.writeInt32BE(dataLen, 12);
  out.writeUInt16BE(SERIALIZER_JSON, 16);
  out.writeUInt16BE(annLen, 18);
  out.writeUInt16BE(0, 20);
  out.writeUInt16BE(checksum(type, flags, seq & 0xffff, dataLen, annLen,
    SERIALIZER_JSON), 22);
  let at = HEADER_SIZE;
  for (const [k, v] of notes) {
    out.write(k, at, 'latin1');
    out.writeUInt16BE(v.length, at + 4);
    v.copy(out, at + 6);
    at += 6 + v.length;
  }
  if (typeof data === 'string') out.write(data, at);
  else data.copy(out, at);
  return out;
}

// The annotations after the header; most frames have none, and share
// one empty map.
function readAnnotations(b: Buffer, annLen: number): ReadonlyMap<string,
  Buffer> {
  if (annLen === 0) return NO_ANNOTATIONS;
  const annotations = new Map<string, Buffer>();
  const end = HEADER_SIZE + annLen;
  for (let at = HEADER_SIZE; at < end;) {
    if (at + 6 > end) throw new ProtocolError('truncated annotation');
    const key = b.toString('latin1', at, at + 4);
    const len = b.readUInt16BE(at + 4);
    if (at + 6 + len > end) {
      throw new ProtocolError('annotation longer than its section');
    }
    annotations.set(key, b.subarray(at + 6, at + 6 + len));
    at += 6 + len;
  }
  return annotations;
}

// What a reader holds when every frame it had is taken.
const EMPTY = Buffer.alloc(0);

/**
 * Cuts a byte stream into messages. `push` each chunk; it returns the
 * complete messages so far and throws ProtocolError / SecurityError on a
 * bad frame (then the connection must be closed: the stream is lost).
 */
export class MessageReader {
  private buffer: Buffer = EMPTY;
  private readonly hmacKey: Buffer | undefined;
  private readonly maxSize: number;

  constructor(hmacKey?: Buffer, maxSize = DEFAULT_MAX_MESSAGE_SIZE) {
    this.hmacKey = hmacKey;
    this.maxSize = maxSize;
  }

  push(chunk: Buffer): Message[] {
    this.append(chunk);
    const messages: Message[] = [];
    for (;;) {
      const message = this.next();
      if (!message) return messages;
      messages.push(message);
    }
  }

  /** Adds bytes; then call `next()` until it returns undefined. */
  append(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk
      : Buffer.concat([this.buffer, chunk]);
  }

  /**
   * Copies what is left of the last chunk (a frame still arriving): for
   * a reader fed from a buffer that the next read overwrites.
   */
  keepCopy(): void {
    if (this.buffer.length > 0) this.buffer = Buffer.from(this.buffer);
  }

  /** The next complete message, if any; throws on a bad frame. */
  next(): Message | undefined {
    const b = this.buffer;
    if (b.length < HEADER_SIZE) return undefined;
    if (b.readUInt32BE(0) !== MAGIC) {
      throw new ProtocolError('invalid data or unsupported protocol version');
    }
    const version = b.readUInt16BE(4);
    if (version !== PROTOCOL_VERSION) {
      throw new ProtocolError(`invalid protocol version: ${version}`);
    }
    const type = b.readUInt16BE(6);
    const flags = b.readUInt16BE(8);
    const seq = b.readUInt16BE(10);
    const dataLen = b.readInt32BE(12);
    const serializerId = b.readUInt16BE(16);
    const annLen = b.readUInt16BE(18);
    const sum = b.readUInt16BE(22);
    if (sum !== checksum(type, flags, seq, dataLen, annLen, serializerId)) {
      throw new ProtocolError('header checksum mismatch');
    }
    if (dataLen < 0 || dataLen > this.maxSize) {
      throw new ProtocolError(`message too large: ${dataLen} bytes`);
    }
    const total = HEADER_SIZE + annLen + dataLen;
    if (b.length < total) return undefined;
    const annotations = readAnnotations(b, annLen);
    const at = HEADER_SIZE + annLen;
    const data = b.subarray(at, total);
    // Most chunks hold whole frames: the last leaves nothing to keep.
    this.buffer = total === b.length ? EMPTY : b.subarray(total);
    this.checkHmac(data, annotations);
    return { type, flags, seq, serializerId, annotations, data };
  }

  private checkHmac(data: Buffer,
    annotations: ReadonlyMap<string, Buffer>): void {
    const got = annotations.get('HMAC');
    if (!this.hmacKey && !got) return;
    if (!this.hmacKey || !got) {
      throw new SecurityError('hmac key config not symmetric');
    }
    const want = hmacOf(this.hmacKey, data, annotations);
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      throw new SecurityError('message hmac mismatch');
    }
  }
}

const gathering = new WeakSet<Writable>();

/**
 * Holds the socket's writes until the next tick, so the frames written
 * in this turn of the event loop (pipelined calls, or the replies to
 * them) leave together in one system call. Call it only when a second
 * frame is on its way: corking costs a tick, which a lone call should
 * not pay.
 */
export function gatherWrites(socket: Writable): void {
  if (gathering.has(socket)) return;
  gathering.add(socket);
  socket.cork();
  process.nextTick(() => {
    gathering.delete(socket);
    socket.uncork();
  });
}
