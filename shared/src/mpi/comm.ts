/**
 * The communicator, modelled on mpi4py's `MPI.Comm` so that a line of
 * the book maps to a line here:
 *
 *   comm.send(data, dest=4)            await comm.send(data, { dest: 4 })
 *   comm.recv(source=0, tag=7)         await comm.recv({ source: 0, tag: 7 })
 *   comm.bcast(x, root=0)              await comm.bcast(x, { root: 0 })
 *   comm.Reduce(a, b, op=MPI.SUM)      await comm.Reduce(a, b, { op: SUM })
 *
 * Lower-case methods send any structured-cloneable value (mpi4py
 * pickles); capitalised ones move typed arrays as raw bytes (mpi4py's
 * buffer interface). Every call is async, because a socket transport
 * must return to the event loop to receive; on the shared-memory
 * transports a blocking call really blocks, as in MPI.
 *
 * Point-to-point messages use the communicator's context; collectives
 * use context + 1, so a collective never takes a user's message.
 */
import { Engine, ANY_SOURCE, ANY_TAG } from './engine.ts';
import { combineFrom, combineInto, MAX, Op, SUM } from './ops.ts';
import {
  typeIndexOf, type Body, type Packet, type Waiting,
} from './transport.ts';

export { ANY_SOURCE, ANY_TAG } from './engine.ts';
/** A rank that is not there: sends to it vanish, receives get nothing. */
export const PROC_NULL = -1;

/** An error in how the program calls MPI (mpi4py raises ValueError). */
export class MpiError extends Error {
  override name = 'MpiError';
}

/** Who sent a received message, with which tag, and how many items. */
export class Status {
  source = ANY_SOURCE;
  tag = ANY_TAG;
  count = 0;
}

export type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array
  | Int32Array | Uint32Array | Float32Array | Float64Array
  | BigInt64Array | BigUint64Array;

type ArrayCtor = new (b: ArrayBuffer, o: number, n: number) => TypedArray;

/** The typed array a `bytes` packet carried, as a view (no copy). */
function viewOf(body: Body & { kind: 'bytes' }): TypedArray {
  const Ctor = (globalThis as unknown as Record<string, ArrayCtor>)[body.type]!;
  const per = (Ctor as unknown as { BYTES_PER_ELEMENT: number })
    .BYTES_PER_ELEMENT;
  const b = body.bytes;
  return new Ctor(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength / per);
}

/** The bytes of a typed array (itself, if it is a Uint8Array). */
function bytesView(a: TypedArray): Uint8Array {
  return a instanceof Uint8Array ? a
    : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function bytesOf(a: TypedArray): Body {
  return {
    kind: 'bytes',
    type: a.constructor.name,
    bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
  };
}

/** A pending isend/irecv: `wait()` for it, or `test()` whether it is done. */
export class Request<T = unknown> {
  private readonly engine: Engine;
  /** What we wait for, should the deadlock report need it. */
  private readonly waiting: Waiting;
  done = false;
  value: T | undefined;
  readonly status = new Status();

  constructor(engine: Engine, op: 'send' | 'recv', peer: number,
    tag: number) {
    this.engine = engine;
    this.waiting = { op, peer, tag };
  }

  finish(value: T, source: number, tag: number, count: number): void {
    this.value = value;
    this.status.source = source;
    this.status.tag = tag;
    this.status.count = count;
    this.done = true;
  }

  async wait(): Promise<T> {
    const pending = this.settle();
    if (pending) await pending;
    return this.value as T;
  }

  /**
   * Blocks until done; a promise only where the transport must go back
   * to the event loop (sockets). Send and Recv call this rather than
   * `wait()`, to save a promise per message on shared memory.
   */
  settle(): Promise<void> | undefined {
    if (this.done) return undefined;
    return this.engine.until(() => this.done, this.waiting);
  }

  test(): boolean {
    if (!this.done) this.engine.poll();
    return this.done;
  }

  /** mpi4py's `MPI.Request.waitall(requests)`. */
  static async waitall<T>(requests: Request<T>[]): Promise<T[]> {
    const values: T[] = [];
    for (const r of requests) values.push(await r.wait());
    return values;
  }
}

export interface SendOptions { dest: number; tag?: number }
export interface RecvOptions { source?: number; tag?: number; status?: Status }
export interface RootOptions { root?: number }
export interface ReduceOptions { op?: Op; root?: number }

// Tags of the collectives, in their own context.
const T = {
  barrier: 1, bcast: 2, scatter: 3, gather: 4, alltoall: 6, reduce: 7,
  scan: 9, ring: 10,
} as const;

export class Comm {
  readonly rank: number;
  readonly size: number;
  /** World rank of each rank of this communicator. */
  readonly group: readonly number[];
  readonly context: number;
  protected readonly engine: Engine;
  private readonly local: Map<number, number>;

  constructor(engine: Engine, group: readonly number[], context: number) {
    this.engine = engine;
    this.group = group;
    this.context = context;
    this.size = group.length;
    this.local = new Map(group.map((world, r) => [world, r]));
    this.rank = this.local.get(engine.transport.rank) ?? -1;
  }

  /** The transport under this communicator ('sab', 'port', 'tcp', ...). */
  get transport(): string {
    return this.engine.transport.name;
  }

  // ── Point to point ───────────────────────────────────────────────
  private checkRank(r: number, what: string): void {
    if (!Number.isInteger(r) || r < 0 || r >= this.size) {
      throw new MpiError(`${what}: rank ${r} is not in 0..${this.size - 1}`);
    }
  }

  private postSend(body: Body, dest: number, tag: number,
    context: number): Request<void> {
    const req = new Request<void>(this.engine, 'send', dest, tag);
    if (dest === PROC_NULL) {
      req.finish(undefined, PROC_NULL, tag, 0);
      return req;
    }
    this.checkRank(dest, 'send');
    if (tag < 0) throw new MpiError(`send: tag ${tag} must be >= 0`);
    const packet: Packet = {
      source: this.engine.transport.rank, tag, context, body,
    };
    const world = this.group[dest]!;
    if (world === this.engine.transport.rank) {
      // To ourselves: copy now, as the wire would.
      const copy: Body = body.kind === 'object'
        ? { kind: 'object', value: structuredClone(body.value) }
        : { ...body, bytes: body.bytes.slice() };
      this.engine.deliver({ ...packet, body: copy });
      req.finish(undefined, dest, tag, 0);
    } else {
      this.engine.transport.post(world, packet,
        () => req.finish(undefined, dest, tag, 0));
    }
    return req;
  }

  private postRecv<T>(source: number, tag: number, context: number,
    into?: TypedArray): Request<T> {
    const req = new Request<T>(this.engine, 'recv', source, tag);
    if (source === PROC_NULL) {
      req.finish(undefined as T, PROC_NULL, ANY_TAG, 0);
      return req;
    }
    if (source !== ANY_SOURCE) this.checkRank(source, 'recv');
    const world = source === ANY_SOURCE ? ANY_SOURCE : this.group[source]!;
    const intoBytes = into && new Uint8Array(into.buffer, into.byteOffset,
      into.byteLength);
    this.engine.post({ context, source: world, tag }, (packet) => {
      const from = this.local.get(packet.source) ?? packet.source;
      const { body } = packet;
      if (into === undefined) {
        const value = body.kind === 'object' ? body.value : viewOf(body);
        req.finish(value as T, from, packet.tag, 1);
        return;
      }
      if (body.kind !== 'bytes') {
        throw new MpiError(`Recv: rank ${from} sent an object (send), ` +
          'not a buffer (Send)');
      }
      if (body.bytes.byteLength > into.byteLength) {
        throw new MpiError(`Recv: message truncated: ${body.bytes.byteLength}` +
          ` bytes from rank ${from} into a ${into.byteLength}-byte buffer`);
      }
      // Claimed by the transport at the header: already in place. (We
      // compare views, not `.buffer`s: asking a small typed array for
      // its buffer makes V8 move it off the heap, a microsecond.)
      const got = body.bytes;
      const claimed = got === intoBytes ||
        (got.byteLength < into.byteLength &&
          got.byteOffset === into.byteOffset && got.buffer === into.buffer);
      if (!claimed) intoBytes!.set(got);
      req.finish(into as T, from, packet.tag,
        body.bytes.byteLength / into.BYTES_PER_ELEMENT);
    }, intoBytes);
    return req;
  }

  isend(obj: unknown, { dest, tag = 0 }: SendOptions): Request<void> {
    return this.postSend({ kind: 'object', value: obj }, dest, tag,
      this.context);
  }

  async send(obj: unknown, options: SendOptions): Promise<void> {
    const pending = this.isend(obj, options).settle();
    if (pending) await pending;
  }

  irecv<T = unknown>({ source = ANY_SOURCE, tag = ANY_TAG }: RecvOptions
    = {}): Request<T> {
    return this.postRecv<T>(source, tag, this.context);
  }

  async recv<T = unknown>(options: RecvOptions = {}): Promise<T> {
    const req = this.irecv<T>(options);
    const pending = req.settle();
    if (pending) await pending;
    if (options.status) Object.assign(options.status, req.status);
    return req.value as T;
  }

  /** Send to one rank and receive from another, without deadlock. */
  async sendrecv<T = unknown>(obj: unknown, { dest, sendtag = 0,
    source = ANY_SOURCE, recvtag = ANY_TAG, status }: {
    dest: number; sendtag?: number; source?: number; recvtag?: number;
    status?: Status;
  }): Promise<T> {
    const sent = this.isend(obj, { dest, tag: sendtag });
    const value = await this.recv<T>(
      status ? { source, tag: recvtag, status } : { source, tag: recvtag });
    await sent.wait();
    return value;
  }

  Isend(buf: TypedArray, { dest, tag = 0 }: SendOptions): Request<void> {
    return this.postSend(bytesOf(buf), dest, tag, this.context);
  }

  async Send(buf: TypedArray, options: SendOptions): Promise<void> {
    // On shared memory with room in the ring, the bytes go in now and
    // the send is complete: no Request to make (SabTransport.sendNow).
    // (Anything unusual, a bad rank or tag included, goes the general
    // way, which reports it.)
    const { dest, tag = 0 } = options;
    const world = this.group[dest];
    const t = this.engine.transport;
    const type = typeIndexOf(buf);
    if (t.sendNow && world !== undefined && world !== t.rank && tag >= 0 &&
      type >= 0 && t.sendNow(world, tag, this.context, bytesView(buf),
      type)) return;
    const pending = this.Isend(buf, options).settle();
    if (pending) await pending;
  }

  Irecv<A extends TypedArray>(buf: A, { source = ANY_SOURCE,
    tag = ANY_TAG }: RecvOptions = {}): Request<A> {
    return this.postRecv<A>(source, tag, this.context, buf);
  }

  /** What a blocked Recv reports to the deadlock watcher; reused. */
  private readonly recvWaiting: Waiting = { op: 'recv', peer: 0, tag: 0 };

  async Recv<A extends TypedArray>(buf: A, options: RecvOptions = {}):
  Promise<A> {
    // From one rank, on shared memory: try the engine's short cut first
    // (no Request, no closure; see Engine.recvInto). It takes nothing
    // when it cannot, and the general path below then does the work.
    const { source = ANY_SOURCE, tag = ANY_TAG } = options;
    if (source >= 0 && source < this.size && Number.isInteger(source)) {
      const waiting = this.recvWaiting;
      waiting.peer = source;
      waiting.tag = tag;
      const n = this.engine.recvInto(this.context, this.group[source]!,
        tag, bytesView(buf), waiting);
      if (n >= 0) {
        const { status } = options;
        if (status) {
          status.source = source;
          status.tag = this.engine.transport.takenTag!;
          status.count = n / buf.BYTES_PER_ELEMENT;
        }
        return buf;
      }
    }
    const req = this.Irecv(buf, options);
    const pending = req.settle();
    if (pending) await pending;
    if (options.status) Object.assign(options.status, req.status);
    return buf;
  }

  // ── Collectives on objects ───────────────────────────────────────
  // Plain loops: the root talks to every rank in turn. Each pair keeps
  // its order, so back-to-back collectives never mix their messages.
  private csend(obj: unknown, dest: number, tag: number): Request<void> {
    return this.postSend({ kind: 'object', value: obj }, dest, tag,
      this.context + 1);
  }

  private crecv<T>(source: number, tag: number): Promise<T> {
    return this.postRecv<T>(source, tag, this.context + 1).wait();
  }

  private checkRoot(root: number, what: string): void {
    if (!Number.isInteger(root) || root < 0 || root >= this.size) {
      throw new MpiError(`${what}: root ${root} is not in ` +
        `0..${this.size - 1}`);
    }
  }

  /** Dissemination barrier: log2(size) rounds of one send, one receive. */
  async barrier(): Promise<void> {
    for (let k = 1; k < this.size; k *= 2) {
      const sent = this.csend(null, (this.rank + k) % this.size, T.barrier);
      await this.crecv((this.rank - k + this.size) % this.size, T.barrier);
      await sent.wait();
    }
  }

  async bcast<T>(obj: T, { root = 0 }: RootOptions = {}): Promise<T> {
    this.checkRoot(root, 'bcast');
    if (this.rank !== root) return this.crecv<T>(root, T.bcast);
    const sends = [];
    for (let r = 0; r < this.size; r++) {
      if (r !== root) sends.push(this.csend(obj, r, T.bcast));
    }
    await Request.waitall(sends);
    return obj;
  }

  async scatter<T>(items: T[] | null | undefined,
    { root = 0 }: RootOptions = {}): Promise<T> {
    this.checkRoot(root, 'scatter');
    if (this.rank !== root) return this.crecv<T>(root, T.scatter);
    if (!Array.isArray(items) || items.length !== this.size) {
      const got = Array.isArray(items) ? items.length : String(items);
      throw new MpiError(`scatter: expecting ${this.size} items, got ${got}`);
    }
    const sends = items.map((item, r) =>
      r === root ? undefined : this.csend(item, r, T.scatter));
    for (const s of sends) await s?.wait();
    return items[root]!;
  }

  async gather<T>(obj: T, { root = 0 }: RootOptions = {}):
  Promise<T[] | undefined> {
    this.checkRoot(root, 'gather');
    if (this.rank !== root) {
      await this.csend(obj, root, T.gather).wait();
      return undefined;
    }
    const all: T[] = [];
    for (let r = 0; r < this.size; r++) {
      all.push(r === root ? obj : await this.crecv<T>(r, T.gather));
    }
    return all;
  }

  async allgather<T>(obj: T): Promise<T[]> {
    const all = await this.gather(obj, { root: 0 });
    return this.bcast(all ?? [], { root: 0 });
  }

  async alltoall<T>(items: T[]): Promise<T[]> {
    if (!Array.isArray(items) || items.length !== this.size) {
      throw new MpiError(`alltoall: expecting ${this.size} items, got ` +
        `${Array.isArray(items) ? items.length : String(items)}`);
    }
    const sends = items.map((item, r) => this.csend(item, r, T.alltoall));
    const got: T[] = [];
    for (let r = 0; r < this.size; r++) {
      got.push(await this.crecv<T>(r, T.alltoall));
    }
    await Request.waitall(sends);
    return got;
  }

  /** Folds every rank's value in rank order (user ops need not commute). */
  async reduce<T>(obj: T, { op = SUM, root = 0 }: ReduceOptions = {}):
  Promise<T | undefined> {
    const all = await this.gather(obj, { root });
    if (all === undefined) return undefined;
    return all.reduce((acc, x) => op.combine(acc, x) as T);
  }

  async allreduce<T>(obj: T, { op = SUM }: { op?: Op } = {}): Promise<T> {
    const folded = await this.reduce(obj, { op, root: 0 });
    return this.bcast(folded as T, { root: 0 });
  }

  /** Inclusive prefix: rank r gets v0 op v1 op ... op vr. */
  async scan<T>(obj: T, { op = SUM }: { op?: Op } = {}): Promise<T> {
    let prefix = obj;
    if (this.rank > 0) {
      const before = await this.crecv<T>(this.rank - 1, T.scan);
      prefix = op.combine(before, obj) as T;
    }
    if (this.rank < this.size - 1) {
      await this.csend(prefix, this.rank + 1, T.scan).wait();
    }
    return prefix;
  }

  // ── Collectives on typed arrays ──────────────────────────────────
  private cSend(a: TypedArray, dest: number, tag: number): Request<void> {
    return this.postSend(bytesOf(a), dest, tag, this.context + 1);
  }

  private cRecv(into: TypedArray, source: number, tag: number):
  Promise<TypedArray> {
    return this.postRecv<TypedArray>(source, tag, this.context + 1, into)
      .wait();
  }

  // A received array as a view on the wire's bytes: no copy at all.
  private cTake(source: number, tag: number): Promise<TypedArray> {
    return this.postRecv<TypedArray>(source, tag, this.context + 1).wait();
  }

  async Bcast<A extends TypedArray>(buf: A, { root = 0 }: RootOptions = {}):
  Promise<A> {
    this.checkRoot(root, 'Bcast');
    if (this.rank !== root) {
      await this.cRecv(buf, root, T.bcast);
      return buf;
    }
    const sends = [];
    for (let r = 0; r < this.size; r++) {
      if (r !== root) sends.push(this.cSend(buf, r, T.bcast));
    }
    await Request.waitall(sends);
    return buf;
  }

  private chunk(total: number, part: number, what: string): void {
    if (total !== part * this.size) {
      throw new MpiError(`${what}: ${total} items do not split into ` +
        `${this.size} parts of ${part}`);
    }
  }

  async Scatter(sendbuf: TypedArray | null, recvbuf: TypedArray,
    { root = 0 }: RootOptions = {}): Promise<void> {
    this.checkRoot(root, 'Scatter');
    const n = recvbuf.length;
    if (this.rank !== root) {
      await this.cRecv(recvbuf, root, T.scatter);
      return;
    }
    if (sendbuf === null) throw new MpiError('Scatter: root has no sendbuf');
    this.chunk(sendbuf.length, n, 'Scatter');
    const sends = [];
    for (let r = 0; r < this.size; r++) {
      const part = sendbuf.subarray(r * n, (r + 1) * n);
      if (r === root) recvbuf.set(part as never);
      else sends.push(this.cSend(part, r, T.scatter));
    }
    await Request.waitall(sends);
  }

  async Gather(sendbuf: TypedArray, recvbuf: TypedArray | null,
    { root = 0 }: RootOptions = {}): Promise<void> {
    this.checkRoot(root, 'Gather');
    const n = sendbuf.length;
    if (this.rank !== root) {
      await this.cSend(sendbuf, root, T.gather).wait();
      return;
    }
    if (recvbuf === null) throw new MpiError('Gather: root has no recvbuf');
    this.chunk(recvbuf.length, n, 'Gather');
    for (let r = 0; r < this.size; r++) {
      const part = recvbuf.subarray(r * n, (r + 1) * n);
      if (r === root) part.set(sendbuf as never);
      else await this.cRecv(part, r, T.gather);
    }
  }

  async Allgather(sendbuf: TypedArray, recvbuf: TypedArray): Promise<void> {
    await this.Gather(sendbuf, recvbuf, { root: 0 });
    await this.Bcast(recvbuf, { root: 0 });
  }

  async Alltoall(sendbuf: TypedArray, recvbuf: TypedArray): Promise<void> {
    const n = sendbuf.length / this.size;
    this.chunk(sendbuf.length, n, 'Alltoall');
    this.chunk(recvbuf.length, n, 'Alltoall');
    const sends = [];
    for (let r = 0; r < this.size; r++) {
      sends.push(this.cSend(sendbuf.subarray(r * n, (r + 1) * n), r,
        T.alltoall));
    }
    for (let r = 0; r < this.size; r++) {
      await this.cRecv(recvbuf.subarray(r * n, (r + 1) * n), r, T.alltoall);
    }
    await Request.waitall(sends);
  }

  /** Element-wise op over every rank's array, in rank order, at root. */
  async Reduce(sendbuf: TypedArray, recvbuf: TypedArray | null,
    { op = SUM, root = 0 }: ReduceOptions = {}): Promise<void> {
    this.checkRoot(root, 'Reduce');
    if (this.rank !== root) {
      await this.cSend(sendbuf, root, T.reduce).wait();
      return;
    }
    if (recvbuf === null || recvbuf.length !== sendbuf.length) {
      throw new MpiError(`Reduce: root needs a recvbuf of ` +
        `${sendbuf.length} items`);
    }
    const take = (r: number): Promise<TypedArray> | TypedArray =>
      r === root ? sendbuf : this.cTake(r, T.reduce);
    recvbuf.set((await take(0)) as never);
    for (let r = 1; r < this.size; r++) {
      combineInto(op, recvbuf as never, (await take(r)) as never);
    }
  }

  /**
   * mpi4py's buffer `comm.Allreduce(sendbuf, recvbuf, op)`. Where the
   * ranks share memory and the array fits a window (the sab transport),
   * it runs in shared memory (sharedAllreduce, below); elsewhere:
   *
   * Ring allreduce: the array is cut into `size` chunks; in size - 1
   * steps each rank passes one chunk right and folds in the one from
   * its left (reduce-scatter), then in size - 1 more steps the finished
   * chunks go round (allgather). Each rank sends about 2x the array,
   * whatever the number of ranks.
   *
   * Every chunk is copied as few times as we can: the first chunk
   * leaves straight from `sendbuf`, and a chunk from the left is folded
   * with ours straight into `recvbuf` (recvbuf = sendbuf op incoming),
   * so `sendbuf` is never copied into `recvbuf` first.
   */
  async Allreduce(sendbuf: TypedArray, recvbuf: TypedArray,
    { op = SUM }: { op?: Op } = {}): Promise<void> {
    if (recvbuf.length !== sendbuf.length) {
      throw new MpiError(`Allreduce: recvbuf has ${recvbuf.length} items, ` +
        `sendbuf ${sendbuf.length}`);
    }
    const p = this.size;
    if (p === 1 || !op.commute || sendbuf.length < p) {
      if (recvbuf !== sendbuf) recvbuf.set(sendbuf as never);
      if (p === 1) return;
      await this.Reduce(sendbuf, this.rank === 0 ? recvbuf : null, { op });
      await this.Bcast(recvbuf);
      return;
    }
    const chunk = (buf: TypedArray, i: number): TypedArray =>
      this.chunkOf(buf, i);
    const windows = this.windowsLike(sendbuf);
    if (windows) {
      await this.sharedAllreduce(sendbuf, recvbuf, op, windows);
      return;
    }
    const right = (this.rank + 1) % p;
    const left = (this.rank - 1 + p) % p;
    // The chunk from the left lands in a scratch array kept between
    // calls: memory already mapped (a fresh 4 MB array per step would
    // cost its zeroing, and the garbage collector its sweep).
    const incoming = this.scratchFor(recvbuf, chunk(recvbuf, 0).length + 1);
    for (let s = 0; s < p - 1; s++) {
      // Step 0 sends our own data; later steps the sums made so far.
      const from = s === 0 ? sendbuf : recvbuf;
      const sent = this.cSend(chunk(from, this.rank - s), right, T.ring);
      const c = this.rank - s - 1;
      const got = incoming.subarray(0, chunk(recvbuf, c).length);
      await this.cRecv(got, left, T.ring);
      combineFrom(op, chunk(recvbuf, c) as never, chunk(sendbuf, c) as never,
        got as never);
      await sent.wait();
    }
    for (let s = 0; s < p - 1; s++) {
      const sent = this.cSend(chunk(recvbuf, this.rank + 1 - s), right,
        T.ring);
      await this.cRecv(chunk(recvbuf, this.rank - s), left, T.ring);
      await sent.wait();
    }
  }

  /** Chunk i (mod size) of `size` near-equal chunks of `buf`. */
  private chunkOf(buf: TypedArray, i: number): TypedArray {
    const p = this.size;
    const c = ((i % p) + p) % p;
    const edge = (k: number): number => Math.floor(k * buf.length / p);
    return buf.subarray(edge(c), c === p - 1 ? buf.length : edge(c + 1));
  }

  /**
   * Each rank's shared window as an array like `like`, when the ranks
   * share memory (the sab transport) and the array fits: every rank
   * asks with the same array size, so all agree on the path.
   */
  private windowsLike(like: TypedArray): TypedArray[] | undefined {
    const transport = this.engine.transport;
    if (!transport.window) return undefined;
    const windows = this.group.map((world) => transport.window!(world));
    if (windows.some((w) => w.byteLength < like.byteLength)) {
      return undefined;
    }
    const Ctor = like.constructor as ArrayCtor;
    return windows.map((w) =>
      new Ctor(w.buffer as ArrayBuffer, 0, like.length));
  }

  /**
   * Allreduce in shared memory, as MPI libraries do between the ranks
   * of one host: no ring, no message but two barriers. Rank r owns
   * window r; chunk c of the array is folded by rank c.
   *
   * 1. Each rank copies every chunk but its own into its window.
   * 2. Rank c folds chunk c: its own plus that chunk from every other
   *    window, into recvbuf, and writes the sum back over the chunk it
   *    read in each window (while those bytes are still in its cache).
   * 3. Each rank copies the sums now in its own window into recvbuf.
   *
   * The barriers keep the steps apart, so nothing is read half
   * written; and after the second one only the owner touches a window,
   * so the next allreduce (on any communicator) may start writing at
   * once: no third barrier. Like MPI's blocking collectives, this
   * assumes one collective at a time per rank.
   */
  private async sharedAllreduce(sendbuf: TypedArray, recvbuf: TypedArray,
    op: Op, windows: TypedArray[]): Promise<void> {
    const me = this.rank;
    const own = this.chunkOf(sendbuf, me);
    // 1. Publish all but our own chunk: nobody else folds that one.
    const mine = windows[me]!;
    const lo = own.byteOffset - sendbuf.byteOffset;
    const hi = lo + own.byteLength;
    const per = sendbuf.BYTES_PER_ELEMENT;
    mine.set(sendbuf.subarray(0, lo / per) as never);
    mine.set(sendbuf.subarray(hi / per) as never, hi / per);
    await this.barrier();
    // 2. Fold our chunk: ours first (recvbuf may be sendbuf itself, and
    // the op commutes), then each other window's; the last fold also
    // writes the sum over the chunk it read, the others get a copy.
    const out = this.chunkOf(recvbuf, me);
    const theirs = windows.filter((_, q) => q !== me)
      .map((w) => this.chunkOf(w, me));
    theirs.forEach((chunk, k) => {
      const last = k === theirs.length - 1;
      combineFrom(op, out as never, (k === 0 ? own : out) as never,
        chunk as never, last ? chunk as never : undefined);
    });
    for (const chunk of theirs.slice(0, -1)) chunk.set(out as never);
    await this.barrier();
    // 3. Every rank has left its sum in our window: copy them out.
    windows.forEach((_, q) => {
      if (q !== me) {
        this.chunkOf(recvbuf, q).set(this.chunkOf(mine, q) as never);
      }
    });
  }

  private scratch: TypedArray | undefined;

  /** An array like `like` with room for `n` items, reused between calls. */
  private scratchFor(like: TypedArray, n: number): TypedArray {
    const have = this.scratch;
    if (have && have.constructor === like.constructor && have.length >= n) {
      return have;
    }
    const Ctor = like.constructor as new (n: number) => TypedArray;
    this.scratch = new Ctor(n);
    return this.scratch;
  }

  // ── New communicators ────────────────────────────────────────────
  /** Agrees on a context id no member uses yet (MPI does the same). */
  protected async newContext(): Promise<number> {
    const context = await this.allreduce(this.engine.nextContext,
      { op: MAX });
    this.engine.nextContext = context + 2;
    return context;
  }

  /**
   * mpi4py's `comm.Split(color, key)`: ranks with one color form a new
   * communicator, ordered by key then old rank; color null gets null.
   */
  async split(color: number | null, key = this.rank): Promise<Comm | null> {
    const all = await this.allgather([color, key] as const);
    const context = await this.newContext();
    if (color === null) return null;
    const members = all
      .map(([c, k], r) => ({ c, k, r }))
      .filter((m) => m.c === color)
      .sort((a, b) => a.k - b.k || a.r - b.r)
      .map((m) => this.group[m.r]!);
    return new Comm(this.engine, members, context);
  }

  /**
   * mpi4py's `comm.Create_cart(dims, periods, reorder)`: ranks laid out
   * row-major on a grid; ranks beyond the grid get null (COMM_NULL).
   * We never reorder, so rank r keeps its number.
   */
  async createCart(dims: number[], { periods = dims.map(() => false) }:
  { periods?: boolean[]; reorder?: boolean } = {}): Promise<CartComm | null> {
    const cells = dims.reduce((a, b) => a * b, 1);
    if (cells > this.size || dims.some((d) => !(d >= 1))) {
      throw new MpiError(`createCart: a ${dims.join(' x ')} grid needs ` +
        `${cells} ranks, this communicator has ${this.size}`);
    }
    const context = await this.newContext();
    if (this.rank >= cells) return null;
    return new CartComm(this.engine, this.group.slice(0, cells), context,
      dims, periods);
  }
}

/** A communicator whose ranks sit on a grid (MPI's Cartesian topology). */
export class CartComm extends Comm {
  readonly dims: readonly number[];
  readonly periods: readonly boolean[];

  constructor(engine: Engine, group: readonly number[], context: number,
    dims: readonly number[], periods: readonly boolean[]) {
    super(engine, group, context);
    this.dims = dims;
    this.periods = periods;
  }

  /** This rank's place on the grid (mpi4py: `Get_coords(rank)`). */
  get coords(): number[] {
    return this.getCoords(this.rank);
  }

  getCoords(rank: number): number[] {
    const coords: number[] = [];
    for (let d = this.dims.length - 1; d >= 0; d--) {
      coords.unshift(rank % this.dims[d]!);
      rank = Math.floor(rank / this.dims[d]!);
    }
    return coords;
  }

  /** The rank at `coords`; off the grid: wrapped or PROC_NULL. */
  getCartRank(coords: number[]): number {
    let rank = 0;
    for (let d = 0; d < this.dims.length; d++) {
      const n = this.dims[d]!;
      let c = coords[d]!;
      if (c < 0 || c >= n) {
        if (!this.periods[d]) return PROC_NULL;
        c = ((c % n) + n) % n;
      }
      rank = rank * n + c;
    }
    return rank;
  }

  /**
   * mpi4py's `Shift(direction, disp)`: [source, dest], the ranks `disp`
   * steps back and forward along one dimension.
   */
  shift(direction: number, disp: number): [number, number] {
    const at = (step: number): number => {
      const c = this.coords;
      c[direction] = c[direction]! + step;
      return this.getCartRank(c);
    };
    return [at(-disp), at(disp)];
  }
}

export { Op };
