/**
 * The queue of pipes/queue: Python's `multiprocessing.Queue`, held by
 * the parent and served to its children over IPC.
 *
 * Node has no queue that processes share. So the parent holds the items,
 * and a child's `put`, `get`, `size` and `empty` are calls over its IPC
 * channel (@cookbook/shared/ipc-call). A `get` on an empty queue is
 * answered later, when a `put` brings an item: it waits, as Python's does.
 */
import type { ChildProcess } from 'node:child_process';
import { answerCalls, callParent } from '@cookbook/shared/ipc-call';

// The four calls a child can make, as plain messages over IPC.
type Call<T> = { op: 'put'; item: T } | { op: 'get' | 'size' | 'empty' };

// ── Parent side: the items, or the getters waiting for one ───────────
export class ServedQueue<T> {
  readonly #items: T[] = [];
  readonly #getters: Array<(item: T) => void> = [];
  /** Every item handed out by `get`, in order. */
  readonly taken: T[] = [];

  /** Answers the queue calls `child` makes. */
  serve(child: ChildProcess): void {
    answerCalls<Call<T>, unknown>(child, (call) => this.#answer(call));
  }

  // A put goes straight to the oldest waiting getter if there is one,
  // else onto the items; a get takes the oldest item, or waits.
  async #answer(call: Call<T>): Promise<unknown> {
    if (call.op === 'put') {
      const getter = this.#getters.shift();
      if (getter) getter(call.item);
      else this.#items.push(call.item);
      return true;
    }
    if (call.op === 'size') return this.#items.length;
    if (call.op === 'empty') return this.#items.length === 0;
    const item = this.#items.length > 0 ? this.#items.shift()!
      : await new Promise<T>((resolve) => this.#getters.push(resolve));
    this.taken.push(item);
    return item;
  }
}

// ── Child side: the queue's methods, as calls to the parent ──────────
export function parentQueue<T>(): {
  put(item: T): Promise<unknown>;
  get(): Promise<T>;
  size(): Promise<number>;
  empty(): Promise<boolean>;
} {
  // Each method is one call to the parent, answered in its own time.
  return {
    put: (item) => callParent<Call<T>, unknown>({ op: 'put', item }),
    get: () => callParent<Call<T>, T>({ op: 'get' }),
    size: () => callParent<Call<T>, number>({ op: 'size' }),
    empty: () => callParent<Call<T>, boolean>({ op: 'empty' }),
  };
}
