/**
 * The matching engine under every communicator of one rank: the
 * receives posted and not yet matched, and the messages that arrived
 * before anyone asked for them ("unexpected", in MPI's words).
 *
 * A receive matches the FIRST arrived message with its context, source
 * and tag; a message matches the FIRST posted receive that accepts it.
 * Since a transport keeps each sender's packets in order, two messages
 * from one rank with one tag are received in the order they were sent,
 * as MPI promises.
 */
import {
  MpiAbort,
  type Packet,
  type Transport,
  type Waiting,
} from './transport.ts';

export const ANY_SOURCE = -2;
export const ANY_TAG = -1;

/** How long one sleep lasts before we look at the abort flag again. */
const SLICE_MS = 200;

export interface Pattern {
  context: number;
  /** World rank, or ANY_SOURCE. */
  source: number;
  tag: number;
}

interface Posted {
  pattern: Pattern;
  complete: (packet: Packet) => void;
  /** A buffer receive's memory, which a transport may fill directly. */
  into?: Uint8Array | undefined;
}

/** A receive a transport took over at the header: fill, then complete. */
export interface Claim {
  into: Uint8Array;
  complete: (packet: Packet) => void;
}

function accepts(p: Pattern, context: number, source: number,
  tag: number): boolean {
  return p.context === context &&
    (p.source === ANY_SOURCE || p.source === source) &&
    (p.tag === ANY_TAG || p.tag === tag);
}

function matches(p: Pattern, packet: Packet): boolean {
  return accepts(p, packet.context, packet.source, packet.tag);
}

/** Removes and returns list[i] (the first, usually: no new array). */
function take<T>(list: T[], i: number): T {
  if (i === 0) return list.shift()!;
  return list.splice(i, 1)[0]!;
}

export class Engine {
  readonly transport: Transport;
  /** The next free context id; split/createCart agree on one (MAX). */
  nextContext = 2;
  private readonly unexpected: Packet[] = [];
  private readonly posted: Posted[] = [];
  private aborted: Error | undefined;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  readonly deliver = (packet: Packet): void => {
    const i = this.posted.length === 0 ? -1
      : this.posted.findIndex((p) => matches(p.pattern, packet));
    if (i < 0) {
      this.unexpected.push(packet);
      return;
    }
    const hit = take(this.posted, i);
    hit.complete(packet);
  };

  /** Calls `complete` with the first packet that matches, now or later. */
  post(pattern: Pattern, complete: (packet: Packet) => void,
    into?: Uint8Array): void {
    const i = this.unexpected.length === 0 ? -1
      : this.unexpected.findIndex((p) => matches(pattern, p));
    if (i >= 0) {
      complete(take(this.unexpected, i));
    } else {
      this.posted.push({ pattern, complete, into });
    }
  }

  /**
   * Called by a transport when a message's header has arrived: if the
   * first receive it matches is a buffer receive big enough, that
   * receive is matched now (as MPI matches on the envelope) and the
   * transport copies the bytes straight into the caller's array: one
   * copy from the sender's array to the ring, one out of it, no more.
   */
  claim(source: number, tag: number, context: number, bytes: number):
  Claim | undefined {
    let i = 0;
    while (i < this.posted.length &&
      !accepts(this.posted[i]!.pattern, context, source, tag)) i++;
    const hit = this.posted[i];
    if (!hit?.into || hit.into.byteLength < bytes) return undefined;
    take(this.posted, i);
    return { into: bytes === hit.into.byteLength ? hit.into
      : hit.into.subarray(0, bytes), complete: hit.complete };
  }

  /** Moves data in and out once, without waiting. */
  poll(): void {
    this.transport.progress(this.deliver);
  }

  /**
   * Makes progress until `ready()`. With the shared-memory transports
   * this blocks the thread (spin, then Atomics.wait), as a blocking MPI
   * call does, and returns nothing: no promise, no trip through the
   * microtask queue, which is most of the cost of a small message.
   * With sockets, whose bytes arrive on the event loop, it returns a
   * promise that settles once `ready()`.
   */
  until(ready: () => boolean, waiting: Waiting): Promise<void> | undefined {
    while (!ready()) {
      if (this.aborted) throw this.aborted;
      if (this.transport.progress(this.deliver)) continue;
      if (ready()) break;
      const sleeping = this.transport.idle(SLICE_MS, waiting);
      if (sleeping) return sleeping.then(() => this.until(ready, waiting));
    }
    return undefined;
  }

  /**
   * A blocking buffer receive from one source, the ping-pong case, in
   * its shortest form: while no receive is posted and nothing waits
   * unexpected (either might come first in MPI's matching order), the
   * transport copies the next message straight from the ring into
   * `into` (see SabTransport.takeInto), and we spin or sleep on this
   * rank's bell in between, as `until` does. The general path costs a
   * Request, a Packet, a header object and two closures per message,
   * a good part of a microsecond-scale round trip. Returns the length
   * received, or -2: nothing taken, use the general path.
   */
  recvInto(context: number, source: number, tag: number,
    into: Uint8Array, waiting: Waiting): number {
    const t = this.transport;
    if (!t.takeInto || source === ANY_SOURCE || this.posted.length > 0 ||
      this.unexpected.length > 0) return -2;
    for (;;) {
      if (this.aborted) throw this.aborted;
      const n = t.takeInto(source, tag, context, into);
      if (n !== -1) return n;
      // Only transports whose idle() blocks offer takeInto; should one
      // ever return a promise, the general path waits for it instead.
      if (t.idle(SLICE_MS, waiting)) return -2;
    }
  }

  /** Makes every later wait throw (a socket transport lost a peer). */
  abort(reason: string): void {
    this.aborted = new MpiAbort(reason);
  }
}
