/**
 * Using a queue to exchange data (with a sentinel, not `empty()`)
 *
 * @book    2e ch. 3 "Process-Based Parallelism" › Using a queue to
 *          exchange data
 * @book    1e ch. 3 "Process-based Parallelism" › How to exchange objects
 *          between processes
 * @python  Chapter03/communicating_with_queue.py
 * @covers  Q1
 * @run     npm run recipe -- pipes/queue
 * @timeout 60000
 * @see     threads/queue — the same hand-off between threads
 *
 * The book's producer process puts ten random items on a
 * `multiprocessing.Queue`; its consumer loops `while not queue.empty()`.
 * That is a race (a book bug we fix): a consumer that looks before the
 * first put sees an empty queue and quits, and the items are never read.
 * We show the race on purpose, with a consumer that looks first, and fix
 * it the usual way: the producer ends with a sentinel (`null`), and the
 * consumer reads until it gets one, however slow the producer is. Node
 * has no cross-process queue, so the parent holds it and both children
 * call `put`/`get` over their IPC channels; a `get` on an empty queue is
 * answered when an item arrives.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { exited, isEntry, randomInts } from '@cookbook/shared';
import { childArgs, childRole, forkRole } from '@cookbook/shared/child-role';
import { answerCalls, callParent } from '@cookbook/shared/ipc-call';

// The book's ten items in 0..256, seeded so every run draws the same.
export const ITEMS = randomInts(10, 256, 2019);
const PRODUCER_PAUSE_MS = 50; // the book's 1 s
const CONSUMER_PAUSE_MS = 30; // the book's 2 s + 1 s

type Call =
  | { op: 'put'; item: number | null }
  | { op: 'get' }
  | { op: 'size' }
  | { op: 'empty' };

// ── Children ─────────────────────────────────────────────────────────
async function producer(name: string): Promise<void> {
  for (const item of ITEMS) {
    await callParent({ op: 'put', item } satisfies Call);
    console.log(`Process Producer : item ${item} appended to queue ${name}`);
    await sleep(PRODUCER_PAUSE_MS);
    const size = await callParent<Call, number>({ op: 'size' });
    console.log(`The size of queue is ${size}`);
  }
  await callParent({ op: 'put', item: null } satisfies Call); // sentinel
}

// The fix: read until the sentinel.
async function consumer(name: string): Promise<void> {
  for (;;) {
    const item = await callParent<Call, number | null>({ op: 'get' });
    if (item === null) break;
    console.log(`Process Consumer : item ${item} popped from by ${name}`);
    await sleep(CONSUMER_PAUSE_MS);
  }
  console.log(`${name}: got the sentinel, the producer is done`);
}

// The book's consumer: it trusts `empty()`, so it can quit too early.
async function emptyCheckConsumer(name: string): Promise<void> {
  while (!(await callParent<Call, boolean>({ op: 'empty' }))) {
    await callParent({ op: 'get' } satisfies Call);
  }
  console.log(`${name}: the queue is empty (it quits, reading nothing)`);
}

// ── Main side: the queue, and the children that use it ───────────────
export interface Result {
  produced: number[];
  consumed: number[];
}

export async function main(): Promise<Result> {
  const items: Array<number | null> = [];
  const getters: Array<(item: number | null) => void> = [];
  const consumed: number[] = [];
  const serve = (call: Call): unknown => {
    if (call.op === 'put') {
      const getter = getters.shift();
      if (getter) getter(call.item);
      else items.push(call.item);
      return true;
    }
    if (call.op === 'size') return items.length;
    if (call.op === 'empty') return items.length === 0;
    if (items.length > 0) return items.shift();
    return new Promise((resolve) => getters.push(resolve));
  };

  // The book's race, made certain: this consumer looks before anything
  // is put, so it sees an empty queue and quits.
  const early = forkRole(import.meta.url, 'empty-check', ['consumer-3']);
  answerCalls(early, serve);
  await exited(early);

  const consumerChild = forkRole(import.meta.url, 'consumer', ['consumer-2']);
  answerCalls<Call, unknown>(consumerChild, async (call) => {
    const item = await serve(call);
    if (call.op === 'get' && typeof item === 'number') consumed.push(item);
    return item;
  });
  const producerChild = forkRole(import.meta.url, 'producer', ['producer-1']);
  answerCalls(producerChild, serve);
  await Promise.all([exited(producerChild), exited(consumerChild)]);
  return { produced: ITEMS, consumed };
}

const role = childRole(import.meta.url);
const name = childArgs()[0]!;
if (role === 'producer') await producer(name);
else if (role === 'consumer') await consumer(name);
else if (role === 'empty-check') await emptyCheckConsumer(name);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// consumer-3: the queue is empty (it quits, reading nothing)
// Process Producer : item 123 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 186 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 216 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 250 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 141 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 186 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 79 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 78 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 54 appended to queue producer-1
// The size of queue is {*}
// Process Producer : item 227 appended to queue producer-1
// The size of queue is {*}
// Process Consumer : item 123 popped from by consumer-2
// Process Consumer : item 186 popped from by consumer-2
// Process Consumer : item 216 popped from by consumer-2
// Process Consumer : item 250 popped from by consumer-2
// Process Consumer : item 141 popped from by consumer-2
// Process Consumer : item 186 popped from by consumer-2
// Process Consumer : item 79 popped from by consumer-2
// Process Consumer : item 78 popped from by consumer-2
// Process Consumer : item 54 popped from by consumer-2
// Process Consumer : item 227 popped from by consumer-2
// consumer-2: got the sentinel, the producer is done
