import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import type { Worker } from 'node:worker_threads';
import { joinAll, spawnWorker } from '../workers.ts';
import { TimeoutError } from './futex.ts';
import { Mutex } from './mutex.ts';
import type { MutexStressInput } from './mutex-stress.worker.ts';

const WORKER = new URL('./mutex-stress.worker.ts', import.meta.url);
const WORKERS = 4;
const ITERATIONS = 5_000;

const workers = terminatedAfterEach();

function spawn(input: MutexStressInput): Worker {
  const worker = spawnWorker(WORKER, input);
  workers.push(worker);
  return worker;
}

describe('Mutex on one thread', () => {
  test('tryLock, unlock and the locked flag', () => {
    const mutex = new Mutex();
    expect(mutex.locked).toBe(false);
    expect(mutex.tryLock()).toBe(true);
    expect(mutex.locked).toBe(true);
    expect(mutex.tryLock()).toBe(false);
    mutex.unlock();
    expect(mutex.locked).toBe(false);
  });

  test('unlocking a free mutex throws', () => {
    expect(() => new Mutex().unlock()).toThrow(/not locked/);
  });

  test('a timed lock on a held mutex returns false', async () => {
    const mutex = new Mutex();
    mutex.lock();
    expect(mutex.lock(50)).toBe(false);
    expect(await mutex.lockAsync(50)).toBe(false);
    expect(() => mutex.acquire(20)).toThrow(TimeoutError);
    await expect(mutex.acquireAsync(20)).rejects.toThrow(TimeoutError);
    mutex.unlock();
    // The failed attempts may leave the "contended" mark; the lock must
    // still work normally afterwards.
    expect(mutex.lock(50)).toBe(true);
    mutex.unlock();
    expect(mutex.locked).toBe(false);
  });

  test('using releases the lock, also when the block throws', () => {
    const mutex = new Mutex();
    {
      using guard = mutex.acquire();
      expect(mutex.locked).toBe(true);
      // An explicit release inside the block must not double-unlock.
      guard.release();
      expect(mutex.locked).toBe(false);
    }
    expect(mutex.locked).toBe(false);
    expect(() => {
      using _guard = mutex.acquire();
      throw new Error('boom');
    }).toThrow('boom');
    expect(mutex.locked).toBe(false);
  });

  test('withLock and withLockAsync return the value and unlock', async () => {
    const mutex = new Mutex();
    expect(mutex.withLock(() => 42)).toBe(42);
    expect(() => mutex.withLock(() => {
      throw new Error('inner');
    })).toThrow('inner');
    expect(mutex.locked).toBe(false);
    await expect(mutex.withLockAsync(async () => 7)).resolves.toBe(7);
    expect(mutex.locked).toBe(false);
  });

  test('lockAsync waits for an unlock without blocking', async () => {
    const mutex = new Mutex();
    mutex.lock();
    let got = false;
    const pending = mutex.lockAsync().then((ok) => (got = ok));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toBe(false);
    mutex.unlock();
    await pending;
    expect(got).toBe(true);
    expect(mutex.locked).toBe(true);
    mutex.unlock();
  });

  test('from() rejects memory that is not shared', () => {
    expect(() => Mutex.from(new Int32Array(1))).toThrow(TypeError);
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const a = Mutex.from(cells.subarray(1, 2));
    expect(a.tryLock()).toBe(true);
    expect(cells[1]).toBe(1);
  });
});

describe('Mutex across worker threads', () => {
  test('no lost updates: 4 workers x 4 styles + async main', async () => {
    const mutex = new Mutex();
    const counters = new Int32Array(new SharedArrayBuffer(5 * 4));
    const started = Array.from({ length: WORKERS }, () =>
      spawn({ mutex: mutex.shared, counters, iterations: ITERATIONS }),
    );
    const joined = joinAll(started);
    // Until every worker is done, the main thread takes the same mutex
    // with lockAsync and bumps counter 0 too, yielding while it holds
    // the lock: a broken lock would let a worker write in that gap.
    let mainBumps = 0;
    let failed = false;
    joined.catch(() => (failed = true));
    while (Atomics.load(counters, 4) < WORKERS && !failed) {
      await mutex.withLockAsync(async () => {
        const seen = Atomics.load(counters, 0);
        await Promise.resolve();
        Atomics.store(counters, 0, seen + 1);
      });
      mainBumps++;
      // Let timers and worker events in now and then.
      if (mainBumps % 100 === 0) await new Promise(setImmediate);
    }
    await joined;
    const total = WORKERS * ITERATIONS;
    expect(mainBumps).toBeGreaterThan(0);
    expect(Array.from(counters)).toEqual([
      total + mainBumps,
      total,
      total,
      total,
      WORKERS,
    ]);
    expect(mutex.locked).toBe(false);
  });
});
