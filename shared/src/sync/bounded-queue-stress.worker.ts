/**
 * Worker body for bounded-queue.test.ts.
 * - 'producer' puts its items, then exits.
 * - 'consumer' gets until the queue is closed and drained (`get()`
 *   returns undefined), logs each item, counts it as processed and only
 *   then calls `taskDone()`; so when `join()` returns, the processed
 *   count must already be complete.
 * - 'stuck-producer' puts into a full queue and posts the name of the
 *   error it gets when the queue is closed under it.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import {
  BoundedQueue,
  type BoundedQueueShared,
} from './bounded-queue.ts';

// Cells of `cells`.
export const LOGGED = 0;
export const PROCESSED = 1;

export interface QueueStressInput {
  role: 'producer' | 'consumer' | 'stuck-producer';
  queue: BoundedQueueShared;
  items: number[];
  cells: Int32Array;
  log: Int32Array;
}

function consume(queue: BoundedQueue, input: QueueStressInput): void {
  const { cells, log } = input;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const item = queue.get();
    if (item === undefined) return;
    Atomics.store(log, Atomics.add(cells, LOGGED, 1), item);
    // Now and then a slow task, so join() has something to wait for.
    if (item % 64 === 0) Atomics.wait(nap, 0, 0, 1);
    Atomics.add(cells, PROCESSED, 1);
    queue.taskDone();
  }
}

function stuck(queue: BoundedQueue): void {
  try {
    for (;;) queue.put(1);
  } catch (error) {
    parentPort?.postMessage(error instanceof Error ? error.name : 'unknown');
  }
}

if (!isMainThread) {
  const input = workerInput<QueueStressInput>();
  const queue = BoundedQueue.from(input.queue);
  if (input.role === 'producer') {
    for (const item of input.items) queue.put(item);
  } else if (input.role === 'consumer') {
    consume(queue, input);
  } else {
    stuck(queue);
  }
}
