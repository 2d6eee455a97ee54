/**
 * The shared-memory transport: one single-producer single-consumer byte
 * ring per ordered pair of ranks, in SharedArrayBuffers that every
 * worker thread maps.
 *
 * A ring has two counters, bytes written and bytes read, that only grow
 * (they wrap at 2^32, and `(w - r) | 0` stays right). The writer copies
 * a message in and publishes it with one `Atomics.store`; the reader
 * copies it out and frees the room the same way. A message bigger than
 * the ring streams through it in pieces, so neither side ever blocks
 * inside the transport: a rank whose send waits for room keeps draining
 * its own inbox, which is what stops two big sends from deadlocking.
 */
import { ANY_TAG, type Claim } from './engine.ts';
import {
  Bells,
  decodeBody,
  decodeHeader,
  encode,
  HEADER_BYTES,
  headerKind,
  type Header,
  type Packet,
  type Transport,
  type Waiting,
} from './transport.ts';

// Counters sit on their own 64-byte lines so the two sides do not
// fight over one cache line. WANT is the writer's "wake me when there
// is room" flag: the reader rings the writer's bell only then, so a
// small message costs the reader no wake-up call back.
const WRITTEN = 0;
const READ = 16;
const WANT = 32;
const RING_HEADER_BYTES = 192;
/** Up to this many bytes, a loop copies faster than `set()`. */
const SMALL = 64;
/**
 * Every message starts on an 8-byte boundary of the ring: a payload is
 * padded with zeros up to a multiple of 8. V8 copies to and from
 * shared memory word by word only when both sides line up; one 3-byte
 * object message ahead of a big array would otherwise make its copy
 * byte by byte, six times slower (a 4 MB half of an allreduce).
 */
const ALIGN = 8;
const PADS = Array.from({ length: ALIGN }, (_, n) => new Uint8Array(n));
function padOf(bytes: number): number {
  return -bytes & (ALIGN - 1);
}

/** Everything the ranks share, made once by the launcher. */
export interface SabShared {
  size: number;
  /** rings[from * size + to]; the diagonal is unused. */
  rings: (SharedArrayBuffer | null)[];
  cells: SharedArrayBuffer;
  global: SharedArrayBuffer;
  /** windows[r]: rank r's window (see Transport.window). */
  windows: SharedArrayBuffer[];
}

export function ringCapacity(size: number): number {
  // About 32 MB in all, 64 KB to 8 MB a ring, a power of two: two
  // ranks get 8 MB each way, room for half of a 1M-double allreduce.
  const share = (32 << 20) / Math.max(1, size * (size - 1));
  const clamped = Math.min(8 << 20, Math.max(64 << 10, share));
  return 1 << Math.floor(Math.log2(clamped));
}

/**
 * A window holds one rank's whole array in a shared allreduce: 8 MB
 * for 2 ranks (1M float64), less per rank as ranks grow. The operating
 * system maps the pages only once they are written.
 */
export function windowBytes(size: number): number {
  const share = (16 << 20) / Math.max(1, size);
  return 1 << Math.floor(Math.log2(Math.max(1 << 20, share)));
}

export function createSabShared(size: number, cells: SharedArrayBuffer,
  global: SharedArrayBuffer, capacity = ringCapacity(size)): SabShared {
  const rings: (SharedArrayBuffer | null)[] = [];
  for (let from = 0; from < size; from++) {
    for (let to = 0; to < size; to++) {
      rings.push(from === to ? null
        : new SharedArrayBuffer(RING_HEADER_BYTES + capacity));
    }
  }
  const windows = Array.from({ length: size },
    () => new SharedArrayBuffer(windowBytes(size)));
  return { size, rings, cells, global, windows };
}

/** True when no ring holds unread bytes (the deadlock watcher asks). */
export function ringsEmpty(shared: SabShared): boolean {
  return shared.rings.every((sab) => {
    if (sab === null) return true;
    const c = new Int32Array(sab, 0, RING_HEADER_BYTES / 4);
    return Atomics.load(c, WRITTEN) === Atomics.load(c, READ);
  });
}

class Ring {
  private readonly counters: Int32Array;
  private readonly data: Uint8Array;
  private readonly view: DataView;
  private readonly mask: number;
  /** The read counter as the writer last saw it (see fits). */
  private readSeen = 0;

  constructor(sab: SharedArrayBuffer) {
    this.counters = new Int32Array(sab, 0, RING_HEADER_BYTES / 4);
    this.data = new Uint8Array(sab, RING_HEADER_BYTES);
    this.view = new DataView(sab, RING_HEADER_BYTES);
    this.mask = this.data.length - 1;
  }

  /**
   * Copies `n` bytes of `src` (from byte `from` on) into the ring at
   * `at`, wrapping round its end. Small pieces (headers, 8-byte
   * messages) go byte by byte: `set()` on a `subarray()` allocates a
   * view per call, and a ping-pong trip is made of such calls.
   */
  private copyIn(at: number, src: Uint8Array, from: number, n: number): void {
    const data = this.data;
    if (n <= SMALL && at + n <= data.length) {
      for (let i = 0; i < n; i++) data[at + i] = src[from + i]!;
      return;
    }
    const first = Math.min(n, data.length - at);
    data.set(from === 0 && first === src.length ? src
      : src.subarray(from, from + first), at);
    if (n > first) data.set(src.subarray(from + first, from + n), 0);
  }

  /** copyIn's mirror: `n` bytes at `at` into `dst` from byte `to` on. */
  private copyOut(at: number, dst: Uint8Array, to: number, n: number): void {
    const data = this.data;
    if (n <= SMALL && at + n <= data.length) {
      for (let i = 0; i < n; i++) dst[to + i] = data[at + i]!;
      return;
    }
    const first = Math.min(n, data.length - at);
    dst.set(data.subarray(at, at + first), to);
    if (n > first) dst.set(data.subarray(0, n - first), to + first);
  }

  /** Copies what fits of `src` (from byte `from` on); returns how much. */
  write(src: Uint8Array, from = 0): number {
    const w = Atomics.load(this.counters, WRITTEN);
    const r = Atomics.load(this.counters, READ);
    const n = Math.min(src.length - from, this.data.length - ((w - r) | 0));
    if (n <= 0) return 0;
    this.copyIn(w & this.mask, src, from, n);
    Atomics.store(this.counters, WRITTEN, (w + n) | 0);
    return n;
  }

  /** Copies unread bytes into `dst` from byte `to` on; returns how many. */
  read(dst: Uint8Array, to = 0): number {
    const r = Atomics.load(this.counters, READ);
    const w = Atomics.load(this.counters, WRITTEN);
    const n = Math.min(dst.length - to, (w - r) | 0);
    if (n <= 0) return 0;
    this.copyOut(r & this.mask, dst, to, n);
    Atomics.store(this.counters, READ, (r + n) | 0);
    return n;
  }

  /**
   * Writes a whole small message (header, payload, padding) and
   * publishes it with ONE store, so the reader never sees a header
   * without its payload. The caller has checked `room()`.
   */
  writeWhole(header: Uint8Array, payload: Uint8Array, pad: number): void {
    const w = Atomics.load(this.counters, WRITTEN);
    const data = this.data;
    for (let i = 0; i < HEADER_BYTES; i++) {
      data[(w + i) & this.mask] = header[i]!;
    }
    this.finishWhole(w, payload, pad);
  }

  /**
   * writeWhole for a header given as its four 32-bit fields (see
   * transport.ts, writeHeader): they go straight into the ring, with no
   * header array to fill and then copy. Headers start 8-byte aligned,
   * so no field straddles the ring's end.
   */
  writeFields(length: number, tag: number, context: number, kind: number,
    payload: Uint8Array, pad: number): void {
    const w = Atomics.load(this.counters, WRITTEN);
    const view = this.view;
    const mask = this.mask;
    view.setUint32(w & mask, length, true);
    view.setInt32((w + 4) & mask, tag, true);
    view.setInt32((w + 8) & mask, context, true);
    view.setInt32((w + 12) & mask, kind, true);
    this.finishWhole(w, payload, pad);
  }

  // Payload and padding after a header written at `w`, then ONE store.
  private finishWhole(w: number, payload: Uint8Array, pad: number): void {
    const data = this.data;
    const mask = this.mask;
    const at = (w + HEADER_BYTES) & mask;
    const n = payload.length;
    this.copyIn(at, payload, 0, n);
    for (let i = 0; i < pad; i++) data[(at + n + i) & mask] = 0;
    Atomics.store(this.counters, WRITTEN, (w + HEADER_BYTES + n + pad) | 0);
  }

  /** Has a whole header arrived? (The cheap test a waiting rank spins on.) */
  hasHeader(): boolean {
    return ((Atomics.load(this.counters, WRITTEN) -
      Atomics.load(this.counters, READ)) | 0) >= HEADER_BYTES;
  }

  /**
   * The unread header's four 32-bit fields, read in place (the
   * receiver's side of writeFields); call it once hasHeader() is true.
   */
  peekFields(fields: Int32Array): void {
    const r = Atomics.load(this.counters, READ);
    const view = this.view;
    const mask = this.mask;
    fields[0] = view.getInt32(r & mask, true);
    fields[1] = view.getInt32((r + 4) & mask, true);
    fields[2] = view.getInt32((r + 8) & mask, true);
    fields[3] = view.getInt32((r + 12) & mask, true);
  }

  /** Unread bytes: has a whole message of this size arrived? */
  available(): number {
    return (Atomics.load(this.counters, WRITTEN) -
      Atomics.load(this.counters, READ)) | 0;
  }

  /**
   * Takes a whole message whose header `peekFields` saw: copies its
   * `n` payload bytes into `dst` and frees header, payload and padding
   * with one store.
   */
  takeWhole(dst: Uint8Array, n: number, pad: number): void {
    const r = Atomics.load(this.counters, READ);
    this.copyOut((r + HEADER_BYTES) & this.mask, dst, 0, n);
    Atomics.store(this.counters, READ, (r + HEADER_BYTES + n + pad) | 0);
  }

  /** Passes over up to `n` unread bytes (padding); returns how many. */
  skip(n: number): number {
    const r = Atomics.load(this.counters, READ);
    const k = Math.min(n, (Atomics.load(this.counters, WRITTEN) - r) | 0);
    if (k > 0) Atomics.store(this.counters, READ, (r + k) | 0);
    return k;
  }

  /**
   * Writer side: does a message of `n` bytes go in whole, now? Asks the
   * reader's counter only when the last value we saw says no: that
   * counter's cache line was last written on the reader's core, so
   * reading it costs a trip between the cores. (An old value only
   * under-counts the room, so it is always safe.)
   */
  fits(n: number): boolean {
    const w = Atomics.load(this.counters, WRITTEN);
    if (this.data.length - ((w - this.readSeen) | 0) >= n) return true;
    this.readSeen = Atomics.load(this.counters, READ);
    return this.data.length - ((w - this.readSeen) | 0) >= n;
  }

  /** Free bytes: a message this size goes in whole, now. */
  room(): number {
    return this.data.length - ((Atomics.load(this.counters, WRITTEN) -
      Atomics.load(this.counters, READ)) | 0);
  }

  set wantRoom(on: boolean) {
    Atomics.store(this.counters, WANT, on ? 1 : 0);
  }

  get wantRoom(): boolean {
    return Atomics.load(this.counters, WANT) !== 0;
  }

  hasData(): boolean {
    return Atomics.load(this.counters, WRITTEN) !==
      Atomics.load(this.counters, READ);
  }

  hasRoom(): boolean {
    const used = (Atomics.load(this.counters, WRITTEN) -
      Atomics.load(this.counters, READ)) | 0;
    return used < this.data.length;
  }
}

/** A send in progress: the bytes still to go, then who to tell. */
interface Outgoing {
  parts: Uint8Array[];
  /** How much of parts[0] is in the ring already. */
  sent: number;
  done: () => void;
}

/** A message arriving in pieces from one source. */
class Assembly {
  header = new Uint8Array(HEADER_BYTES);
  view = new DataView(this.header.buffer);
  headerFill = 0;
  parsed: Header | undefined;
  payload: Uint8Array = new Uint8Array(0);
  fill = 0;
  /** Padding still to pass over after the payload. */
  pad = 0;
  /** The receive that takes this message, when matched at the header. */
  claim: Claim | undefined;
}

/** What `takeInto` returns when it took nothing. */
export const NOTHING = -1;
export const OTHER = -2;

export class SabTransport implements Transport {
  readonly name = 'sab';
  readonly rank: number;
  readonly size: number;
  private readonly outbound: (Ring | null)[] = [];
  private readonly inbound: (Ring | null)[] = [];
  private readonly queues: Outgoing[][] = [];
  private readonly assemblies: Assembly[] = [];
  private readonly bells: Bells;
  private readonly windows: Uint8Array[];
  private queued = 0;
  /** The header of the message being sent, reused: no allocation. */
  private readonly scratch = new Uint8Array(HEADER_BYTES);
  private readonly scratchView = new DataView(this.scratch.buffer);
  /** Set by the launcher: lets a buffer receive take bytes directly. */
  claimer: ((source: number, tag: number, context: number, bytes: number)
    => Claim | undefined) | undefined;

  constructor(shared: SabShared, rank: number, spins: number) {
    this.rank = rank;
    this.size = shared.size;
    for (let r = 0; r < this.size; r++) {
      const out = shared.rings[rank * this.size + r];
      const inc = shared.rings[r * this.size + rank];
      this.outbound.push(out ? new Ring(out) : null);
      this.inbound.push(inc ? new Ring(inc) : null);
      this.queues.push([]);
      this.assemblies.push(new Assembly());
    }
    this.windows = shared.windows.map((sab) => new Uint8Array(sab));
    this.bells = new Bells(new Int32Array(shared.cells),
      new Int32Array(shared.global), rank, spins);
    this.quickSpins = Math.min(1000, spins * 100);
  }

  post(dest: number, packet: Packet, done: () => void): void {
    const queue = this.queues[dest]!;
    const ring = this.outbound[dest]!;
    if (queue.length > 0) {
      const [header, payload] = encode(packet);
      queue.push({ parts: [header, payload, PADS[padOf(payload.length)]!],
        sent: 0, done });
      this.queued++;
      return;
    }
    // The common case: nothing queued ahead and room for the whole
    // message. Header and payload go straight into the ring (the one
    // copy), the partner's bell rings, and the send is complete.
    const [header, payload] = encode(packet, this.scratch,
      this.scratchView);
    const pad = padOf(payload.length);
    if (ring.room() >= HEADER_BYTES + payload.length + pad) {
      ring.writeWhole(header, payload, pad);
      this.bells.ring(dest);
      done();
      return;
    }
    queue.push({ parts: [header.slice(), payload, PADS[pad]!], sent: 0,
      done });
    this.queued++;
    this.flush(dest);
  }

  progress(deliver: (packet: Packet) => void): boolean {
    let busy = false;
    if (this.queued > 0) {
      for (let r = 0; r < this.size; r++) {
        if (this.queues[r]!.length > 0 && this.flush(r)) busy = true;
      }
    }
    for (let r = 0; r < this.size; r++) {
      const ring = this.inbound[r];
      if (ring?.hasData() && this.drain(r, ring, deliver)) busy = true;
    }
    return busy;
  }

  // Writes queued bytes for `dest` until its ring is full.
  private flush(dest: number): boolean {
    const ring = this.outbound[dest]!;
    const queue = this.queues[dest]!;
    let moved = false;
    while (queue.length > 0) {
      const head = queue[0]!;
      const part = head.parts[0]!;
      const n = head.sent === part.length ? 0 : ring.write(part, head.sent);
      if (n > 0) moved = true;
      head.sent += n;
      if (head.sent < part.length) {
        ring.wantRoom = true; // then the reader rings us as it drains
        break;
      }
      head.parts.shift();
      head.sent = 0;
      if (head.parts.length === 0) {
        queue.shift();
        this.queued--;
        head.done();
      }
    }
    if (queue.length === 0) ring.wantRoom = false;
    if (moved) this.bells.ring(dest);
    return moved;
  }

  // Reads whatever `source` has written, completing messages as they
  // fill; a half-read message waits in its Assembly for the rest.
  private drain(source: number, ring: Ring,
    deliver: (packet: Packet) => void): boolean {
    const a = this.assemblies[source]!;
    let moved = false;
    for (;;) {
      if (a.pad > 0) {
        const n = ring.skip(a.pad);
        a.pad -= n;
        moved ||= n > 0;
        if (a.pad > 0) break;
      }
      if (a.parsed === undefined) {
        const n = ring.read(a.header, a.headerFill);
        a.headerFill += n;
        moved ||= n > 0;
        if (a.headerFill < HEADER_BYTES) break;
        a.parsed = decodeHeader(a.header, a.view);
        const h = a.parsed;
        a.claim = h.bytes
          ? this.claimer?.(source, h.tag, h.context, h.length) : undefined;
        a.payload = a.claim?.into ?? new Uint8Array(h.length);
        a.fill = 0;
      }
      const n = ring.read(a.payload, a.fill);
      a.fill += n;
      moved ||= n > 0;
      if (a.fill < a.payload.length) break;
      const h = a.parsed;
      a.parsed = undefined;
      a.headerFill = 0;
      a.pad = padOf(h.length);
      this.bells.countProgress();
      const packet: Packet = { source, tag: h.tag, context: h.context,
        body: decodeBody(h, a.payload) };
      if (a.claim) a.claim.complete(packet);
      else deliver(packet);
      a.claim = undefined;
    }
    // A writer waiting for room may go on now.
    if (moved && ring.wantRoom) this.bells.ring(source);
    return moved;
  }

  /**
   * The blocking buffer send's short cut (Comm.Send): the common case
   * of `post` without a Packet, a Body or a `done` callback to make.
   */
  sendNow(dest: number, tag: number, context: number, bytes: Uint8Array,
    type: number): boolean {
    const ring = this.outbound[dest];
    const pad = padOf(bytes.length);
    if (!ring || this.queues[dest]!.length > 0 ||
      !ring.fits(HEADER_BYTES + bytes.length + pad)) return false;
    ring.writeFields(bytes.length, tag, context, headerKind(type), bytes,
      pad);
    this.bells.ring(dest);
    return true;
  }

  /**
   * How many times takeInto re-reads an empty ring before it hands the
   * wait to idle(): a few microseconds when each rank has a core, less
   * when ranks share the cores (see spinsFor).
   */
  private readonly quickSpins: number;
  /** The tag of the message `takeInto` took last (for the status). */
  takenTag = 0;
  /** The header `takeInto` peeks at, reused: no allocation. */
  private readonly peeked = new Int32Array(HEADER_BYTES / 4);

  /**
   * The blocking buffer receive's short cut (see Engine.recvInto): if
   * the next message in `source`'s ring has arrived whole, is a buffer
   * (Send) with this context and tag (or any tag) and fits `into`, it
   * is copied straight into `into`: no Packet, no header object, no
   * closure. Returns its length; NOTHING when that ring is empty and no
   * other work waits; OTHER when the general path must take over
   * (another message first, one still arriving, or sends or other
   * rings to serve), having taken nothing.
   */
  takeInto(source: number, tag: number, context: number,
    into: Uint8Array): number {
    const a = this.assemblies[source]!;
    if (this.queued > 0 || a.parsed !== undefined || a.headerFill > 0 ||
      a.pad > 0) return OTHER;
    const ring = this.inbound[source];
    if (!ring) return OTHER; // from ourselves: see Comm.postSend
    if (!ring.hasHeader()) {
      // Nothing from `source`; a message from anyone else must still
      // be drained (its sender may wait for room), so hand over then.
      for (let r = 0; r < this.size; r++) {
        if (r !== source && this.inbound[r]?.hasData()) return OTHER;
      }
      // Watch only that ring for a moment: the answer of a partner on
      // another core comes within a microsecond or two, and this loop
      // reads one counter where idle() reads bells and every ring.
      let i = 0;
      while (i < this.quickSpins && !ring.hasHeader()) i++;
      if (i === this.quickSpins) return NOTHING;
    }
    const fields = this.peeked;
    ring.peekFields(fields);
    const length = fields[0]! >>> 0;
    const got = fields[1]!;
    const pad = padOf(length);
    const fits = fields[2] === context && (tag === ANY_TAG || got === tag) &&
      (fields[3]! & 0xff) === 1 && length <= into.byteLength;
    if (!fits || ring.available() < HEADER_BYTES + length + pad) {
      return OTHER;
    }
    ring.takeWhole(into, length, pad);
    this.takenTag = got;
    this.bells.countProgress();
    if (ring.wantRoom) this.bells.ring(source);
    return length;
  }

  window(rank: number): Uint8Array {
    return this.windows[rank]!;
  }

  idle(ms: number, waiting: Waiting): void {
    const seen = this.bells.ticket();
    // Re-check after taking the ticket, so no wake-up is lost.
    for (let r = 0; r < this.size; r++) {
      if (this.inbound[r]?.hasData()) return;
      if (this.queues[r]!.length > 0 && this.outbound[r]!.hasRoom()) return;
    }
    this.bells.sleep(seen, ms, waiting);
  }

  close(): void {
    this.bells.done();
  }
}
