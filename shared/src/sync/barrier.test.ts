import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import type { Worker } from 'node:worker_threads';
import { joinAll, nextMessage, spawnWorker } from '../workers.ts';
import { Barrier, BrokenBarrierError } from './barrier.ts';
import {
  slot,
  type BarrierStressInput,
} from './barrier-stress.worker.ts';

const WORKER = new URL('./barrier-stress.worker.ts', import.meta.url);
const WORKERS = 4;
const CYCLES = 100;

const workers = terminatedAfterEach();

function start(input: BarrierStressInput): Worker {
  const worker = spawnWorker(WORKER, input);
  workers.push(worker);
  return worker;
}

describe('Barrier on one thread', () => {
  test('one party passes at once with index 0', async () => {
    const barrier = new Barrier(1);
    expect(barrier.wait()).toBe(0);
    expect(await barrier.waitAsync()).toBe(0);
    expect(barrier.parties).toBe(1);
    expect(() => new Barrier(0)).toThrow(RangeError);
  });

  test('two async parties on one thread meet', async () => {
    const barrier = new Barrier(2);
    const indices = await Promise.all([
      barrier.waitAsync(),
      barrier.waitAsync(),
    ]);
    expect(indices.sort()).toEqual([0, 1]);
    expect(barrier.nWaiting).toBe(0);
  });

  test('a timeout breaks the barrier for good', async () => {
    const barrier = new Barrier(2);
    await expect(barrier.waitAsync(50)).rejects.toThrow(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
    expect(() => barrier.wait()).toThrow(BrokenBarrierError);
    const fresh = new Barrier(2);
    expect(() => fresh.wait(50)).toThrow(BrokenBarrierError);
    expect(Barrier.from(fresh.shared).broken).toBe(true);
  });
});

describe('Barrier across worker threads', () => {
  test('post-barrier tickets follow pre-barrier ones, every cycle',
    async () => {
      const parties = WORKERS + 1;
      const barrier = new Barrier(parties);
      const cells = new Int32Array(
        new SharedArrayBuffer(4 * (1 + (2 * parties + 1) * CYCLES)),
      );
      const started = Array.from({ length: WORKERS }, (_, id) =>
        start({ role: 'cycles', barrier: barrier.shared, id, cycles: CYCLES,
          cells }),
      );
      const joined = joinAll(started);
      joined.catch(() => undefined);
      // The main thread is the last party, with the async form.
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const at = slot(parties, cycle, WORKERS);
        Atomics.store(cells, at.pre, Atomics.add(cells, 0, 1));
        const index = await barrier.waitAsync(10_000);
        Atomics.store(cells, at.post, Atomics.add(cells, 0, 1));
        Atomics.or(cells, at.index, 1 << index);
      }
      expect(await joined).toEqual(started.map(() => 0));
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const pre: number[] = [];
        const post: number[] = [];
        for (let id = 0; id < parties; id++) {
          const at = slot(parties, cycle, id);
          pre.push(cells[at.pre] ?? -1);
          post.push(cells[at.post] ?? -1);
        }
        expect(Math.min(...post)).toBeGreaterThan(Math.max(...pre));
        const indexBits = cells[slot(parties, cycle, 0).index];
        expect(indexBits).toBe((1 << parties) - 1);
      }
      expect(barrier.broken).toBe(false);
    });

  test('more threads than parties: each generation is whole', async () => {
    const barrier = new Barrier(2);
    // Cells 0 and 1 count indices 0 and 1; cell 2 is the budget.
    const counts = new Int32Array(new SharedArrayBuffer(12));
    const started = Array.from({ length: WORKERS }, (_, id) =>
      start({ role: 'extra', barrier: barrier.shared, id, cycles: CYCLES,
        cells: counts }),
    );
    await joinAll(started);
    // CYCLES generations of two: each gives out index 0 and index 1.
    expect(counts[0]).toBe(CYCLES);
    expect(counts[1]).toBe(CYCLES);
    expect(barrier.nWaiting).toBe(0);
  });

  test('abort() wakes a blocked worker with BrokenBarrierError',
    async () => {
      const barrier = new Barrier(2);
      const worker = start({ role: 'abort', barrier: barrier.shared, id: 0,
        cycles: 1, cells: new Int32Array(new SharedArrayBuffer(4)) });
      const answer = nextMessage<string>(worker);
      // Wait until the worker has arrived, then break the barrier.
      while (barrier.nWaiting < 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      barrier.abort();
      expect(await answer).toBe('BrokenBarrierError');
      await joinAll([worker]);
    });
});
