import { MessageChannel } from 'node:worker_threads';
import { expect, test } from 'vitest';
import {
  Barrier,
  BoundedQueue,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  Guard,
  Mutex,
  QueueClosedError,
  RLock,
  Semaphore,
  TimeoutError,
  WaitGroup,
} from '@cookbook/shared/sync';

// Sends a value through a real MessagePort, so it goes through the same
// structured clone as postMessage to a worker.
function roundTrip<T>(value: T): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  return new Promise<T>((resolve) => {
    port2.once('message', (copy: T) => {
      port1.close();
      resolve(copy);
    });
    port1.postMessage(value);
  });
}

test('the package entry exports every primitive', () => {
  for (const value of [Barrier, BoundedQueue, BoundedSemaphore,
    BrokenBarrierError, Condition, Event, Guard, Mutex, QueueClosedError,
    RLock, Semaphore, TimeoutError, WaitGroup]) {
    expect(typeof value).toBe('function');
  }
});

test('every shared value survives postMessage and still shares', async () => {
  const mutex = new Mutex();
  Mutex.from(await roundTrip(mutex.shared)).lock();
  expect(mutex.locked).toBe(true);

  const rlock = new RLock();
  RLock.from(await roundTrip(rlock.shared)).lock();
  expect(rlock.depth).toBe(1);
  rlock.unlock();

  const semaphore = new BoundedSemaphore(2);
  Semaphore.from(await roundTrip(semaphore.shared)).acquire();
  expect(semaphore.value).toBe(1);

  const condition = new Condition(mutex);
  expect(Condition.from(await roundTrip(condition.shared)).mutex.locked)
    .toBe(true);
  mutex.unlock();

  const event = new Event();
  Event.from(await roundTrip(event.shared)).set();
  expect(event.isSet()).toBe(true);

  const barrier = new Barrier(3);
  expect(Barrier.from(await roundTrip(barrier.shared)).parties).toBe(3);

  const group = new WaitGroup();
  WaitGroup.from(await roundTrip(group.shared)).add(2);
  expect(group.count).toBe(2);

  const queue = new BoundedQueue(4);
  BoundedQueue.from(await roundTrip(queue.shared)).put(42);
  expect(queue.get()).toBe(42);
});
