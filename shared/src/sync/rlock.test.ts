import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import { joinAll, nextMessage, spawnWorker } from '../workers.ts';
import { RLock } from './rlock.ts';
import type {
  RLockStressInput,
  RLockStressReport,
} from './rlock-stress.worker.ts';

const WORKER = new URL('./rlock-stress.worker.ts', import.meta.url);
const WORKERS = 4;
const ITERATIONS = 3_000;

const workers = terminatedAfterEach();

describe('RLock on one thread', () => {
  test('re-entry counts depth and frees on the last unlock', () => {
    const rlock = new RLock();
    expect(rlock.isOwned()).toBe(false);
    expect(rlock.lock()).toBe(true);
    expect(rlock.lock(10)).toBe(true);
    expect(rlock.tryLock()).toBe(true);
    expect(rlock.depth).toBe(3);
    rlock.unlock();
    rlock.unlock();
    expect(rlock.isOwned()).toBe(true);
    rlock.unlock();
    expect(rlock.isOwned()).toBe(false);
    expect(rlock.depth).toBe(0);
  });

  test('releasing a lock this thread does not hold throws', () => {
    const rlock = new RLock();
    expect(() => rlock.unlock()).toThrow(/does not hold the lock/);
    rlock.lock();
    rlock.unlock();
    expect(() => rlock.unlock()).toThrow(/threadId 0/);
  });

  test('scoped and callback forms unlock every level', async () => {
    const rlock = new RLock();
    {
      using _a = rlock.acquire();
      using _b = await rlock.acquireAsync();
      expect(rlock.depth).toBe(2);
      expect(rlock.withLock(() => rlock.depth)).toBe(3);
      await expect(
        rlock.withLockAsync(async () => rlock.depth),
      ).resolves.toBe(3);
    }
    expect(rlock.isOwned()).toBe(false);
  });
});

describe('RLock across worker threads', () => {
  test('no lost updates with re-entry; foreign unlock throws', async () => {
    const rlock = new RLock();
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const input: RLockStressInput = {
      rlock: rlock.shared,
      cells,
      iterations: ITERATIONS,
    };
    const started = Array.from({ length: WORKERS }, () =>
      spawnWorker(WORKER, input),
    );
    workers.push(...started);
    const reports = started.map((w) =>
      nextMessage<RLockStressReport>(w),
    );
    const joined = joinAll(started);
    let failed = false;
    joined.catch(() => (failed = true));
    // The main thread competes with the async form, re-entering once.
    let mainBumps = 0;
    while (Atomics.load(cells, 1) < WORKERS && !failed) {
      await rlock.lockAsync();
      await rlock.lockAsync();
      const seen = Atomics.load(cells, 0);
      await Promise.resolve();
      Atomics.store(cells, 0, seen + 1);
      rlock.unlock();
      rlock.unlock();
      mainBumps++;
      if (mainBumps % 100 === 0) await new Promise(setImmediate);
    }
    await joined;
    expect(Atomics.load(cells, 0)).toBe(WORKERS * ITERATIONS + mainBumps);
    for (const report of await Promise.all(reports)) {
      expect(report.unlockNotHeld).toMatch(/does not hold the lock/);
      expect(report.depthSeen).toBe(3);
    }
    expect(rlock.isOwned()).toBe(false);
    expect(rlock.tryLock()).toBe(true);
    rlock.unlock();
  });
});
