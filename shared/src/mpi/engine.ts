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
}

function matches(p: Pattern, packet: Packet): boolean {
  return p.context === packet.context &&
    (p.source === ANY_SOURCE || p.source === packet.source) &&
    (p.tag === ANY_TAG || p.tag === packet.tag);
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
    const i = this.posted.findIndex((p) => matches(p.pattern, packet));
    if (i < 0) {
      this.unexpected.push(packet);
      return;
    }
    const [hit] = this.posted.splice(i, 1);
    hit!.complete(packet);
  };

  /** Calls `complete` with the first packet that matches, now or later. */
  post(pattern: Pattern, complete: (packet: Packet) => void): void {
    const i = this.unexpected.findIndex((p) => matches(pattern, p));
    if (i >= 0) {
      const [packet] = this.unexpected.splice(i, 1);
      complete(packet!);
    } else {
      this.posted.push({ pattern, complete });
    }
  }

  /** Moves data in and out once, without waiting. */
  poll(): void {
    this.transport.progress(this.deliver);
  }

  /**
   * Makes progress until `ready()`. With the shared-memory transports
   * this blocks the thread (spin, then Atomics.wait), as a blocking MPI
   * call does; with sockets it awaits the event loop.
   */
  async until(ready: () => boolean, waiting: Waiting): Promise<void> {
    while (!ready()) {
      if (this.aborted) throw this.aborted;
      if (this.transport.progress(this.deliver)) continue;
      if (ready()) break;
      const sleeping = this.transport.idle(SLICE_MS, waiting);
      if (sleeping) await sleeping;
    }
  }

  /** Makes every later wait throw (a socket transport lost a peer). */
  abort(reason: string): void {
    this.aborted = new MpiAbort(reason);
  }
}
