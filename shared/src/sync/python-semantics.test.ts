/**
 * Where the primitives once departed from CPython's threading module
 * without meaning to (the properties of CPython's Lib/test/lock_tests.py
 * that did not hold); each test here failed before its fix.
 */
import { describe, expect, test } from 'vitest';
import { joinAll, nextMessage, spawnWorker } from '../workers.ts';
import { Barrier, BrokenBarrierError } from './barrier.ts';
import { BoundedQueue } from './bounded-queue.ts';
import { Condition } from './condition.ts';
import { Event } from './event.ts';
import { Mutex } from './mutex.ts';
import {
  ACTIONS,
  countRun,
  EARLY,
  type SemanticsInput,
} from './python-semantics.worker.ts';
import { RLock } from './rlock.ts';
import { Semaphore } from './semaphore.ts';
import { terminatedAfterEach } from './testkit.ts';
import { WaitGroup } from './wait-group.ts';

const WORKER = new URL('./python-semantics.worker.ts', import.meta.url);
const MAX_CELL = 0x7fffffff;
const workers = terminatedAfterEach();

function start(input: SemanticsInput) {
  const worker = spawnWorker(WORKER, input);
  workers.push(worker);
  return worker;
}

// A worker takes the lock and keeps it until we set `release`.
async function heldByWorker(
  input: { cond: Condition } | { rlock: RLock },
): Promise<{ release: () => Promise<void> }> {
  const [held, release] = [new Event(), new Event()];
  const worker = start({ role: 'hold', held: held.shared,
    release: release.shared,
    ...('cond' in input ? { cond: input.cond.shared }
      : { rlock: input.rlock.shared }) });
  await held.waitAsync(10_000);
  return {
    release: async () => {
      release.set();
      await joinAll([worker]);
    },
  };
}

describe('counters that would pass 2**31 - 1 throw', () => {
  test('Semaphore.release past the cell limit', () => {
    const sem = new Semaphore(MAX_CELL);
    expect(() => sem.release()).toThrow(RangeError);
    expect(sem.value).toBe(MAX_CELL);
    const some = new Semaphore(5);
    expect(() => some.release(MAX_CELL)).toThrow(RangeError);
    expect(some.value).toBe(5);
  });

  test('RLock re-entry past the cell limit', async () => {
    const rlock = new RLock();
    rlock.lock();
    Atomics.store(rlock.shared, 2, MAX_CELL); // the depth cell
    expect(() => rlock.lock()).toThrow(RangeError);
    expect(() => rlock.tryLock()).toThrow(RangeError);
    await expect(rlock.lockAsync()).rejects.toThrow(RangeError);
    expect(rlock.depth).toBe(MAX_CELL);
  });
});

describe('RLock.locked', () => {
  test('any thread sees whether it is held', async () => {
    const rlock = new RLock();
    expect(rlock.locked).toBe(false);
    rlock.lock();
    expect(rlock.locked).toBe(true);
    rlock.unlock();
    const holder = await heldByWorker({ rlock });
    expect(rlock.locked).toBe(true);
    expect(rlock.isOwned()).toBe(false);
    await holder.release();
    expect(rlock.locked).toBe(false);
  });
});

describe('Condition: only the holder may wait or notify', () => {
  test('a non-holder throws and the holder keeps the lock', async () => {
    const cond = new Condition();
    const holder = await heldByWorker({ cond });
    expect(() => cond.wait(10)).toThrow(/un-acquired/);
    await expect(cond.waitAsync(10)).rejects.toThrow(/un-acquired/);
    expect(() => cond.notify()).toThrow(/un-acquired/);
    expect(() => cond.notifyAll()).toThrow(/un-acquired/);
    // Mutual exclusion is intact: the worker still holds the lock.
    expect(cond.mutex.locked).toBe(true);
    expect(cond.mutex.tryLock()).toBe(false);
    await holder.release();
    expect(cond.mutex.locked).toBe(false);
  });

  test('wait() on a re-entered lock lets go of every level, then '
    + 'restores them', async () => {
    const cond = new Condition();
    cond.mutex.lock();
    cond.mutex.lock();
    const [held, release] = [new Event(), new Event()];
    const worker = start({ role: 'hold', cond: cond.shared, notify: true,
      held: held.shared, release: release.shared });
    const waited = cond.waitAsync(10_000);
    // The worker gets the lock only if both our levels were let go; it
    // notifies us before it lets go itself.
    expect(await held.waitAsync(10_000)).toBe(true);
    release.set();
    expect(await waited).toBe(true);
    expect((cond.mutex as RLock).depth).toBe(2);
    cond.mutex.unlock();
    cond.mutex.unlock();
    await joinAll([worker]);
  });
});

describe('X.from() checks the kind of the cells', () => {
  test('each primitive refuses another primitive\'s cells', () => {
    const barrier = new Barrier(2).shared;
    const sem = new Semaphore(1).shared;
    expect(() => Semaphore.from(barrier)).toThrow(/Barrier, not a Semaphore/);
    expect(() => Barrier.from(sem)).toThrow(TypeError);
    expect(() => Mutex.from(sem)).toThrow(TypeError);
    expect(() => RLock.from(new Event().shared)).toThrow(TypeError);
    expect(() => Event.from(new WaitGroup().shared)).toThrow(TypeError);
    expect(() => WaitGroup.from(new Mutex().shared)).toThrow(TypeError);
    const queue = new BoundedQueue(2).shared;
    expect(() => BoundedQueue.from({ ...queue, tasks: sem }))
      .toThrow(TypeError);
    expect(() => Condition.from({ ...new Condition().shared, seq: sem }))
      .toThrow(TypeError);
    // The right kind still attaches.
    expect(Semaphore.from(sem).value).toBe(1);
    expect(Barrier.from(barrier).parties).toBe(2);
  });
});

describe('Barrier(parties, action, timeout), as in Python', () => {
  test('the action runs once per round, before anyone is released',
    async () => {
      const ROUNDS = 50;
      const cells = new Int32Array(new SharedArrayBuffer(8));
      const barrier = new Barrier(3, countRun(cells));
      const parties = [0, 1].map(() => start({ role: 'party',
        barrier: barrier.shared, rounds: ROUNDS, cells }));
      for (let round = 1; round <= ROUNDS; round++) {
        await barrier.waitAsync(10_000);
        if (Atomics.load(cells, ACTIONS) < round) Atomics.add(cells, EARLY, 1);
      }
      await joinAll(parties);
      expect(Atomics.load(cells, ACTIONS)).toBe(ROUNDS);
      expect(Atomics.load(cells, EARLY)).toBe(0);
    });

  test('an action that throws breaks the barrier for everyone', () => {
    const barrier = new Barrier(1, () => {
      throw new Error('action failed');
    });
    expect(() => barrier.wait()).toThrow('action failed');
    expect(barrier.broken).toBe(true);
    expect(() => barrier.wait()).toThrow(BrokenBarrierError);
  });

  test('the default timeout breaks the barrier for every party',
    async () => {
      const barrier = new Barrier(3, undefined, 200);
      expect(barrier.timeout).toBe(200);
      const party = start({ role: 'party-default',
        barrier: barrier.shared });
      const answer = nextMessage<string>(party);
      await expect(barrier.waitAsync()).rejects.toThrow(BrokenBarrierError);
      expect(await answer).toBe('BrokenBarrierError');
      expect(barrier.broken).toBe(true);
    });

  test('reset() returns a broken barrier to use', async () => {
    const barrier = new Barrier(2);
    barrier.abort();
    expect(barrier.broken).toBe(true);
    barrier.reset();
    expect(barrier.broken).toBe(false);
    await barrier.abortAsync();
    expect(barrier.broken).toBe(true);
    await barrier.resetAsync();
    expect(barrier.broken).toBe(false);
    const indices = await Promise.all([barrier.waitAsync(5_000),
      barrier.waitAsync(5_000)]);
    expect(indices.sort()).toEqual([0, 1]);
  });

  test('reset() with a party waiting: it gets BrokenBarrierError, then '
    + 'the barrier works', async () => {
    const barrier = new Barrier(2);
    const waiting = barrier.waitAsync(5_000);
    // The waiter is on this thread too, so the async form (mutex.ts).
    await barrier.resetAsync();
    await expect(waiting).rejects.toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(false);
    const indices = await Promise.all([barrier.waitAsync(5_000),
      barrier.waitAsync(5_000)]);
    expect(indices.sort()).toEqual([0, 1]);
  });
});
