/**
 * The MessagePort transport: one MessageChannel per ordered pair of
 * ranks. Node clones each packet (structured clone), and
 * `receiveMessageOnPort` lets a rank take messages without going back
 * to its event loop, so a receive can block in `Atomics.wait` on the
 * same doorbells as the shared-memory transport. Slower than the rings
 * for small messages; here to compare with them.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import {
  Bells,
  type Packet,
  type Transport,
  type Waiting,
} from './transport.ts';

export interface PortShared {
  size: number;
  /** outbound[to] for this rank; null for itself. */
  outbound: (MessagePort | null)[];
  inbound: (MessagePort | null)[];
  cells: SharedArrayBuffer;
  global: SharedArrayBuffer;
}

/** Wraps a view so that a clone copies the view only, not its buffer. */
function compact(packet: Packet): Packet {
  const { body } = packet;
  if (body.kind !== 'bytes') return packet;
  const b = body.bytes;
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) {
    return packet;
  }
  return { ...packet, body: { ...body, bytes: b.slice() } };
}

export class PortTransport implements Transport {
  readonly name = 'port';
  readonly rank: number;
  readonly size: number;
  private readonly shared: PortShared;
  private readonly bells: Bells;
  private readonly early: Packet[] = [];

  constructor(shared: PortShared, rank: number, spins: number) {
    this.shared = shared;
    this.rank = rank;
    this.size = shared.size;
    for (const port of [...shared.outbound, ...shared.inbound]) {
      port?.unref();
    }
    this.bells = new Bells(new Int32Array(shared.cells),
      new Int32Array(shared.global), rank, spins);
  }

  post(dest: number, packet: Packet, done: () => void): void {
    this.shared.outbound[dest]!.postMessage(compact(packet));
    this.bells.ring(dest);
    done(); // the clone is taken at once
  }

  progress(deliver: (packet: Packet) => void): boolean {
    let busy = this.early.length > 0;
    for (const p of this.early.splice(0)) deliver(p);
    for (const port of this.shared.inbound) {
      if (port === null) continue;
      for (let m = receiveMessageOnPort(port); m;
        m = receiveMessageOnPort(port)) {
        this.bells.countProgress();
        deliver(m.message as Packet);
        busy = true;
      }
    }
    return busy;
  }

  idle(ms: number, waiting: Waiting): void {
    const seen = this.bells.ticket();
    // Ports cannot be peeked: whatever we find now waits in `early`.
    this.progress((p) => this.early.push(p));
    if (this.early.length > 0) return;
    this.bells.sleep(seen, ms, waiting);
  }

  close(): void {
    // We leave the ports open: closing one may drop packets that a
    // peer has not read yet. They are unref'd and die with the thread.
    this.bells.done();
  }
}
