import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import { joinAll, spawnWorker } from '../workers.ts';
import { TimeoutError } from './futex.ts';
import { BoundedSemaphore, Semaphore } from './semaphore.ts';
import {
  enter,
  leave,
  type SemaphoreStressInput,
} from './semaphore-stress.worker.ts';

const WORKER = new URL('./semaphore-stress.worker.ts', import.meta.url);
const WORKERS = 4;
const PERMITS = 2;
const ITERATIONS = 300;

const workers = terminatedAfterEach();

const tick = (): Promise<void> => new Promise(setImmediate);

describe('Semaphore on one thread', () => {
  test('counts permits; timed acquire returns false', async () => {
    const semaphore = new Semaphore(2);
    expect(semaphore.tryAcquire()).toBe(true);
    expect(semaphore.acquire()).toBe(true);
    expect(semaphore.value).toBe(0);
    expect(semaphore.tryAcquire()).toBe(false);
    expect(semaphore.acquire(50)).toBe(false);
    expect(await semaphore.acquireAsync(50)).toBe(false);
    expect(() => semaphore.hold(10)).toThrow(TimeoutError);
    semaphore.release(2);
    expect(semaphore.value).toBe(2);
    expect(semaphore.bound).toBeUndefined();
  });

  test('release wakes async waiters, n at a time', async () => {
    const semaphore = new Semaphore(0);
    const got: number[] = [];
    const waiters = [1, 2, 3].map((id) =>
      semaphore.acquireAsync().then(() => got.push(id)),
    );
    await tick();
    expect(got).toEqual([]);
    semaphore.release(2);
    while (got.length < 2) await tick();
    // Two permits, so the third waiter must still be asleep.
    await tick();
    expect(got.length).toBe(2);
    semaphore.release();
    await Promise.all(waiters);
    expect(got.sort()).toEqual([1, 2, 3]);
    expect(semaphore.value).toBe(0);
  });

  test('a bounded semaphore refuses to grow past its bound', () => {
    const semaphore = new BoundedSemaphore(2);
    expect(semaphore.bound).toBe(2);
    expect(() => semaphore.release()).toThrow(/released too many times/);
    expect(semaphore.value).toBe(2);
    semaphore.acquire();
    expect(() => semaphore.release(2)).toThrow(RangeError);
    semaphore.release();
    const copy = Semaphore.from(semaphore.shared);
    expect(copy.bound).toBe(2);
    expect(() => copy.release()).toThrow(RangeError);
    expect(() => new Semaphore(3, 2)).toThrow(RangeError);
    expect(() => new Semaphore(-1)).toThrow(RangeError);
  });

  test('hold() and withPermit release their permit', async () => {
    const semaphore = new Semaphore(1);
    {
      using _permit = semaphore.hold();
      expect(semaphore.value).toBe(0);
    }
    expect(semaphore.value).toBe(1);
    {
      using _permit = await semaphore.holdAsync();
      expect(semaphore.value).toBe(0);
    }
    expect(semaphore.withPermit(() => semaphore.value)).toBe(0);
    await expect(
      semaphore.withPermitAsync(async () => semaphore.value),
    ).resolves.toBe(0);
    expect(semaphore.value).toBe(1);
  });
});

describe('Semaphore across worker threads', () => {
  test('never more holders than permits, and more than one', async () => {
    const semaphore = new Semaphore(PERMITS);
    const cells = new Int32Array(new SharedArrayBuffer(4 * 4));
    const input: SemaphoreStressInput = {
      semaphore: semaphore.shared,
      cells,
      iterations: ITERATIONS,
    };
    const started = Array.from({ length: WORKERS }, () =>
      spawnWorker(WORKER, input),
    );
    workers.push(...started);
    const joined = joinAll(started);
    let failed = false;
    joined.catch(() => (failed = true));
    // The main thread takes permits too, with the async forms, and
    // holds each one across a turn of the event loop.
    let mainEntries = 0;
    while (Atomics.load(cells, 2) < WORKERS && !failed) {
      using _permit = await semaphore.holdAsync();
      enter(cells);
      await tick();
      leave(cells);
      mainEntries++;
    }
    await joined;
    expect(Atomics.load(cells, 3)).toBe(WORKERS * ITERATIONS + mainEntries);
    expect(Atomics.load(cells, 0)).toBe(0);
    const peak = Atomics.load(cells, 1);
    expect(peak).toBeLessThanOrEqual(PERMITS);
    expect(peak).toBeGreaterThan(1);
    expect(semaphore.value).toBe(PERMITS);
  });
});
