/**
 * What every transport does for the communicator, and the pieces two of
 * them share: the wire format (a 16-byte header, then the payload) and
 * the doorbells that let a blocked rank sleep in `Atomics.wait`.
 *
 * A transport moves packets between world ranks and nothing else: it
 * never matches sources or tags (comm.ts does), but it must keep the
 * packets from one rank to another in the order they were posted.
 */
import { deserialize, serialize } from 'node:v8';

/** The data of a message: a cloned object, or raw typed-array bytes. */
export type Body =
  | { kind: 'object'; value: unknown }
  | { kind: 'bytes'; bytes: Uint8Array; type: string };

export interface Packet {
  /** The sender's world rank. */
  source: number;
  tag: number;
  /** Which communicator (and whether p2p or collective) it belongs to. */
  context: number;
  body: Body;
}

/** What a blocked rank waits for; the deadlock report prints it. */
export interface Waiting {
  op: 'recv' | 'send';
  /** World rank, or -2 for any source. */
  peer: number;
  tag: number;
}

export interface Transport {
  readonly rank: number;
  readonly size: number;
  readonly name: string;
  /** Queues a packet; `done` runs once the caller may reuse its data. */
  post(dest: number, packet: Packet, done: () => void): void;
  /** Flushes queued sends, hands arrivals to `deliver`; true if busy. */
  progress(deliver: (packet: Packet) => void): boolean;
  /** Sleeps until something may have changed (or `ms` pass). */
  idle(ms: number, waiting: Waiting): void | Promise<void>;
  /**
   * Shared memory only, optional: takes the next message from `source`
   * straight into `into` if it is there whole and matches; returns its
   * length, or -1 (nothing there) / -2 (let the general path do it).
   * See SabTransport.takeInto and Engine.recvInto.
   */
  takeInto?(source: number, tag: number, context: number,
    into: Uint8Array): number;
  /**
   * Shared memory only, optional: writes a buffer message whole, now,
   * if nothing is queued for `dest` and the ring has room; false (and
   * nothing written) otherwise. See SabTransport.sendNow.
   */
  sendNow?(dest: number, tag: number, context: number,
    bytes: Uint8Array, type: number): boolean;
  /** The tag of the message `takeInto` took last. */
  readonly takenTag?: number;
  /** This rank is finished with the transport. */
  close(): void | Promise<void>;
  /**
   * Shared memory only: world rank r's window, a region every rank
   * maps (Comm.sharedAllreduce says who writes what, and when).
   * Undefined where ranks share no memory.
   */
  window?(rank: number): Uint8Array;
}

/** Thrown in every rank when the job is aborted. */
export class MpiAbort extends Error {
  override name = 'MpiAbort';
}

// ── Wire format (shared memory and sockets) ────────────────────────
// [payload bytes u32][tag i32][context i32][kind u8][array type u8][2]
export const HEADER_BYTES = 16;

const ARRAY_TYPES = [
  'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array',
  'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
  'BigUint64Array', 'Uint8ClampedArray',
] as const;

/**
 * A packet as header + payload bytes (objects go through v8.serialize).
 * `header` may be a scratch array the caller reuses: a small message
 * then costs no allocation at all on the way out.
 */
export function encode(packet: Packet,
  header = new Uint8Array(HEADER_BYTES),
  view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES)):
  [Uint8Array, Uint8Array] {
  const { body } = packet;
  const payload = body.kind === 'object'
    ? serialize(body.value) : body.bytes;
  writeHeader(view, payload.byteLength, packet.tag, packet.context,
    body.kind === 'bytes' ? typeIndex(body.type) : -1);
  return [header, payload];
}

/** The wire number of a typed array's type, by constructor name. */
export function typeIndex(type: string): number {
  return ARRAY_TYPES.indexOf(type as 'Uint8Array');
}

// The same by the constructor itself, for a send's hot path: a map
// lookup, not a name getter and a scan. (A subclass such as Buffer is
// not in it, and goes the general way, as it does by name.)
const TYPE_OF_CONSTRUCTOR = new Map<unknown, number>(ARRAY_TYPES.map(
  (name, i) => [(globalThis as Record<string, unknown>)[name], i]));

export function typeIndexOf(array: ArrayBufferView): number {
  return TYPE_OF_CONSTRUCTOR.get(array.constructor) ?? -1;
}

/**
 * Bytes 12-15 of a header as one little-endian 32-bit field: byte 12
 * says "typed array", byte 13 which (see writeHeader).
 */
export function headerKind(type: number): number {
  return type >= 0 ? 1 | (type << 8) : 0;
}

/** Fills a header; `type` is a typeIndex, or -1 for an object. */
export function writeHeader(view: DataView, length: number, tag: number,
  context: number, type: number): void {
  view.setUint32(0, length, true);
  view.setInt32(4, tag, true);
  view.setInt32(8, context, true);
  view.setUint8(12, type >= 0 ? 1 : 0);
  view.setUint8(13, type >= 0 ? type : 0);
}

export interface Header {
  length: number;
  tag: number;
  context: number;
  bytes: boolean;
  type: string;
}

export function decodeHeader(header: Uint8Array,
  view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES)):
  Header {
  return {
    length: view.getUint32(0, true),
    tag: view.getInt32(4, true),
    context: view.getInt32(8, true),
    bytes: view.getUint8(12) === 1,
    type: ARRAY_TYPES[view.getUint8(13)] ?? 'Uint8Array',
  };
}

export function decodeBody(h: Header, payload: Uint8Array): Body {
  return h.bytes ? { kind: 'bytes', bytes: payload, type: h.type }
    : { kind: 'object', value: deserialize(payload) };
}

// ── Doorbells ──────────────────────────────────────────────────────
// One Int32 "bell" per rank, plus that rank's status for the deadlock
// watcher. Anyone who gives rank r something to do (data in its inbox,
// room in its outbox) rings r's bell; r sleeps on the bell's value.
export const SLOT = 16; // ints per rank: one 64-byte cache line
export const BELL = 0;
export const SLEEPING = 1;
export const STATE = 2; // 0 running, 1 blocked, 2 done
export const OP = 3; // 1 recv, 2 send
export const PEER = 4;
export const TAG = 5;
/** Messages this rank has taken in (the deadlock watcher sums them). */
export const MOVED = 6;
/** The global cell: the abort flag. */
export const ABORT = 0;

export const RUNNING = 0;
export const BLOCKED = 1;
export const DONE = 2;

export class Bells {
  readonly cells: Int32Array;
  readonly global: Int32Array;
  private readonly me: number;
  /** Microseconds to spin before sleeping. */
  private readonly spins: number;

  constructor(cells: Int32Array, global: Int32Array, me: number,
    spins: number) {
    this.cells = cells;
    this.global = global;
    this.me = me;
    this.spins = spins;
  }

  /** Wakes rank r if it sleeps; cheap when it does not. */
  ring(r: number): void {
    Atomics.add(this.cells, r * SLOT + BELL, 1);
    if (Atomics.load(this.cells, r * SLOT + SLEEPING) !== 0) {
      Atomics.notify(this.cells, r * SLOT + BELL);
    }
  }

  ticket(): number {
    return Atomics.load(this.cells, this.me * SLOT + BELL);
  }

  /**
   * Spins a little (another core may answer within a microsecond), then
   * sleeps until the bell moves past `seen`. With more ranks than cores
   * the spin is short, so a waiting rank hands its core to a busy one.
   */
  sleep(seen: number, ms: number, waiting: Waiting): void {
    const cells = this.cells;
    const bell = this.me * SLOT + BELL;
    // Spin for up to `spins` microseconds, reading the clock rarely.
    const until = performance.now() + this.spins / 1000;
    for (let i = 1; ; i++) {
      if (Atomics.load(cells, bell) !== seen) return;
      if ((i & 255) === 0 && performance.now() > until) break;
    }
    this.checkAbort();
    const base = this.me * SLOT;
    if (this.moved > 0) {
      Atomics.add(cells, base + MOVED, this.moved);
      this.moved = 0;
    }
    cells[base + OP] = waiting.op === 'recv' ? 1 : 2;
    cells[base + PEER] = waiting.peer;
    cells[base + TAG] = waiting.tag;
    Atomics.store(cells, base + STATE, BLOCKED);
    Atomics.store(cells, base + SLEEPING, 1);
    Atomics.wait(cells, bell, seen, ms);
    Atomics.store(cells, base + SLEEPING, 0);
    Atomics.store(cells, base + STATE, RUNNING);
    this.checkAbort();
  }

  checkAbort(): void {
    if (Atomics.load(this.global, ABORT) !== 0) {
      throw new MpiAbort('the job was aborted by another rank');
    }
  }

  // Counted in our own slot, not one global cell: a cell that every
  // rank bumps on every message would bounce between the cores. And
  // counted here first, published only as we go to sleep: the slot
  // shares its cache line with our bell, which senders write, and the
  // watcher only needs the count once every rank is asleep.
  private moved = 0;
  countProgress(): void {
    this.moved++;
  }

  done(): void {
    Atomics.store(this.cells, this.me * SLOT + STATE, DONE);
  }
}

/**
 * How long a waiting rank spins before it sleeps, in microseconds: long
 * when every rank has a core of its own (MPI libraries spin without
 * end; a futex wake-up costs tens of microseconds, far more on a busy
 * machine), a moment when ranks outnumber cores and must share them.
 */
export function spinsFor(size: number, cores: number): number {
  return size <= cores ? 200 : 2;
}
