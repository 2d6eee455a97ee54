import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import type { Worker } from 'node:worker_threads';
import { join, joinAll, nextMessage, spawnWorker } from '../workers.ts';
import { BoundedQueue, QueueClosedError } from './bounded-queue.ts';
import {
  LOGGED,
  PROCESSED,
  type QueueStressInput,
} from './bounded-queue-stress.worker.ts';

const WORKER = new URL('./bounded-queue-stress.worker.ts', import.meta.url);
const CAPACITY = 8;
const PER_PRODUCER = 1_500;

const workers = terminatedAfterEach();

function start(input: QueueStressInput): Worker {
  const worker = spawnWorker(WORKER, input);
  workers.push(worker);
  return worker;
}

function shared(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Math.max(1, length)));
}

describe('BoundedQueue on one thread', () => {
  test('FIFO order, capacity and the try forms', () => {
    const queue = new BoundedQueue(3);
    expect(queue.capacity).toBe(3);
    expect(queue.tryGet()).toBeUndefined();
    expect([1, 2, 3, 4].map((i) => queue.tryPut(i))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(queue.size).toBe(3);
    expect(queue.get()).toBe(1);
    expect(queue.put(-5)).toBe(true);
    expect([queue.get(), queue.get(), queue.get()]).toEqual([2, 3, -5]);
    expect(() => queue.put(1.5)).toThrow(RangeError);
    expect(() => queue.put(2 ** 31)).toThrow(RangeError);
  });

  test('timed put and get give up on a full or empty queue', async () => {
    const queue = new BoundedQueue(1);
    expect(queue.get(50)).toBeUndefined();
    expect(await queue.getAsync(50)).toBeUndefined();
    expect(queue.closed).toBe(false);
    queue.put(7);
    expect(queue.put(8, 50)).toBe(false);
    expect(await queue.putAsync(8, 50)).toBe(false);
    expect(await queue.getAsync()).toBe(7);
  });

  test('taskDone / join count unfinished items', async () => {
    const queue = new BoundedQueue(4);
    expect(queue.join()).toBe(true);
    queue.put(1);
    queue.put(2);
    expect(queue.join(30)).toBe(false);
    queue.get();
    queue.taskDone();
    expect(await queue.joinAsync(30)).toBe(false);
    const joined = queue.joinAsync();
    queue.get();
    queue.taskDone();
    expect(await joined).toBe(true);
    expect(() => queue.taskDone()).toThrow(/too many times/);
  });

  test('close: put throws, get drains and then returns undefined',
    async () => {
      const queue = new BoundedQueue(4);
      queue.put(1);
      await queue.putAsync(2);
      const copy = BoundedQueue.from(queue.shared);
      await copy.closeAsync();
      queue.close();
      expect(queue.closed).toBe(true);
      expect(() => queue.put(3)).toThrow(QueueClosedError);
      await expect(queue.putAsync(3)).rejects.toThrow(QueueClosedError);
      expect(queue.get()).toBe(1);
      expect(await queue.getAsync()).toBe(2);
      expect(queue.get()).toBeUndefined();
      expect(await queue.getAsync()).toBeUndefined();
    });
});

describe('BoundedQueue across worker threads', () => {
  test('every item consumed once; join waits for taskDone; close ends',
    async () => {
      const queue = new BoundedQueue(CAPACITY);
      const batches = [0, 1, 2].map((p) =>
        Array.from({ length: PER_PRODUCER }, (_, i) => p * 1_000_000 + i),
      );
      const produced = batches.flat();
      const cells = shared(2);
      const log = shared(produced.length);
      const input = (
        role: QueueStressInput['role'],
        items: number[] = [],
      ): QueueStressInput => ({ role, queue: queue.shared, items, cells,
        log });
      const producers = [
        start(input('producer', batches[0])),
        start(input('producer', batches[1])),
      ];
      const consumers = [1, 2, 3].map(() => start(input('consumer')));
      const joined = joinAll([...producers, ...consumers]);
      joined.catch(() => undefined);
      // The main thread is the third producer, with the async form.
      for (const item of batches[2] ?? []) await queue.putAsync(item);
      await joinAll(producers);
      // join() must not return before the last taskDone(), and every
      // consumer counts an item as processed before its taskDone().
      expect(await queue.joinAsync(10_000)).toBe(true);
      expect(Atomics.load(cells, PROCESSED)).toBe(produced.length);
      // The consumers now sleep in get() on an empty queue; closing it
      // must wake them and let them exit.
      await queue.closeAsync();
      expect(await joined).toEqual([0, 0, 0, 0, 0]);
      expect(Atomics.load(cells, LOGGED)).toBe(produced.length);
      const consumed = Array.from(log).sort((a, b) => a - b);
      expect(consumed).toEqual(produced.sort((a, b) => a - b));
    });

  test('close() wakes a producer blocked on a full queue', async () => {
    const queue = new BoundedQueue(2);
    const worker = start({ role: 'stuck-producer', queue: queue.shared,
      items: [], cells: shared(2), log: shared(1) });
    const answer = nextMessage<string>(worker);
    // Wait until the queue is full, so the worker is (about to be)
    // blocked in put().
    while (queue.size < queue.capacity) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await queue.closeAsync();
    expect(await answer).toBe('QueueClosedError');
    expect(await join(worker)).toBe(0);
  });
});
