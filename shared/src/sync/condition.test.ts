import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import type { Worker } from 'node:worker_threads';
import { joinAll, spawnWorker } from '../workers.ts';
import { Condition } from './condition.ts';
import {
  COUNT,
  HEAD,
  REMOVED,
  STATE_LENGTH,
  takeItem,
  VIOLATIONS,
  type BufferParts,
  type ConditionStressInput,
} from './condition-stress.worker.ts';
import { Mutex } from './mutex.ts';

const WORKER = new URL('./condition-stress.worker.ts', import.meta.url);
const CAPACITY = 4;
const PER_PRODUCER = 1_000;

const workers = terminatedAfterEach();

function shared(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

describe('Condition on one thread', () => {
  test('wait() times out, returns false and re-locks', async () => {
    const cond = new Condition();
    cond.mutex.lock();
    expect(cond.wait(50)).toBe(false);
    expect(cond.mutex.locked).toBe(true);
    expect(await cond.waitAsync(50)).toBe(false);
    expect(cond.mutex.locked).toBe(true);
    expect(cond.waitFor(() => false, 30)).toBe(false);
    expect(await cond.waitForAsync(() => false, 30)).toBe(false);
    expect(cond.waitFor(() => true)).toBe(true);
    cond.mutex.unlock();
  });

  test('wait and notify need the mutex held', () => {
    const cond = new Condition(new Mutex());
    expect(() => cond.wait()).toThrow(/not locked/);
    expect(() => cond.notify()).toThrow(/not locked/);
    expect(() => cond.notifyAll()).toThrow(/not locked/);
  });

  test('waitForAsync sees a change made under the lock', async () => {
    const cond = new Condition();
    const flag = shared(1);
    // First a notify without the change: a wake-up is not the
    // condition, so the waiter must go back to sleep. Then the change.
    // (Same thread as the waiter, so the async lock forms throughout.)
    setTimeout(() => {
      void cond.mutex.withLockAsync(() => cond.notifyAll());
      setTimeout(() => {
        void cond.mutex.withLockAsync(() => {
          Atomics.store(flag, 0, 1);
          cond.notify();
        });
      }, 10);
    }, 10);
    using _guard = await cond.acquireAsync();
    const ok = await cond.waitForAsync(() => Atomics.load(flag, 0) === 1);
    expect(ok).toBe(true);
    expect(cond.mutex.locked).toBe(true);
  });

  test('from() rebuilds a condition on the same cells', () => {
    const cond = new Condition();
    const copy = Condition.from(cond.shared);
    copy.mutex.lock();
    expect(cond.mutex.locked).toBe(true);
    copy.mutex.unlock();
  });
});

describe('Condition across worker threads', () => {
  test('bounded buffer: no overflow, nothing lost or doubled', async () => {
    const mutex = new Mutex();
    const notEmpty = new Condition(mutex);
    const notFull = new Condition(mutex);
    const producers = [0, 1, 2].map((p) =>
      Array.from({ length: PER_PRODUCER }, (_, i) => p * 1_000_000 + i),
    );
    const produced = producers.flat();
    const parts: BufferParts = {
      notEmpty: notEmpty.shared,
      notFull: notFull.shared,
      state: shared(STATE_LENGTH),
      ring: shared(CAPACITY),
      log: shared(produced.length),
      total: produced.length,
    };
    const start = (
      role: ConditionStressInput['role'],
      items: number[],
      style: ConditionStressInput['style'],
    ): Worker => spawnWorker(WORKER, { ...parts, role, items, style });
    const started = [
      start('producer', producers[0] ?? [], 'waitFor'),
      start('producer', producers[1] ?? [], 'loop'),
      start('consumer', [], 'waitFor'),
      start('consumer', [], 'loop'),
    ];
    workers.push(...started);
    const joined = joinAll(started);
    // The main thread is the third producer and a third consumer, with
    // the async forms. It alternates, so it can never wait on itself.
    const { state } = parts;
    const hasRoom = (): boolean => Atomics.load(state, COUNT) < CAPACITY;
    const ready = (): boolean =>
      Atomics.load(state, COUNT) > 0 ||
      Atomics.load(state, REMOVED) >= parts.total;
    for (const item of producers[2] ?? []) {
      {
        using _guard = await notFull.acquireAsync();
        await notFull.waitForAsync(hasRoom);
        const count = Atomics.load(state, COUNT);
        const head = Atomics.load(state, HEAD);
        Atomics.store(parts.ring, (head + count) % CAPACITY, item);
        Atomics.store(state, COUNT, count + 1);
        notEmpty.notify();
      }
      // Take one item now and then, if there is one within 1 ms.
      if (item % 4 === 0) {
        using _guard = await notEmpty.acquireAsync();
        await notEmpty.waitForAsync(ready, 1);
        if (Atomics.load(state, COUNT) > 0) {
          takeItem(parts);
          notFull.notify();
          if (Atomics.load(state, REMOVED) === parts.total) {
            notEmpty.notifyAll();
          }
        }
      }
    }
    await joined;
    expect(Atomics.load(state, VIOLATIONS)).toBe(0);
    expect(Atomics.load(state, REMOVED)).toBe(produced.length);
    expect(Atomics.load(state, COUNT)).toBe(0);
    const consumed = Array.from(parts.log).sort((a, b) => a - b);
    expect(consumed).toEqual(produced.sort((a, b) => a - b));
  });
});
