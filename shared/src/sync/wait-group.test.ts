import { describe, expect, test } from 'vitest';
import { terminatedAfterEach } from './testkit.ts';
import { joinAll, nextMessage, spawnWorker } from '../workers.ts';
import { WaitGroup } from './wait-group.ts';
import type { WaitGroupStressInput } from './wait-group-stress.worker.ts';

const WORKER = new URL('./wait-group-stress.worker.ts', import.meta.url);
const JOB_WORKERS = 3;
const JOBS = 20_000;

const workers = terminatedAfterEach();

describe('WaitGroup on one thread', () => {
  test('add, done and timed waits', async () => {
    const group = new WaitGroup();
    expect(group.wait()).toBe(true);
    group.add(2);
    expect(group.count).toBe(2);
    expect(group.wait(50)).toBe(false);
    expect(await group.waitAsync(50)).toBe(false);
    group.done();
    const pending = group.waitAsync();
    group.done();
    expect(await pending).toBe(true);
    expect(group.count).toBe(0);
  });

  test('a negative counter throws and changes nothing', () => {
    const group = new WaitGroup();
    expect(() => group.done()).toThrow(/negative/);
    group.add(1);
    expect(() => group.add(-2)).toThrow(RangeError);
    expect(group.count).toBe(1);
    expect(() => group.add(0.5)).toThrow(RangeError);
    expect(WaitGroup.from(group.shared).count).toBe(1);
  });
});

describe('WaitGroup across worker threads', () => {
  test('wait returns only after every done, on every thread', async () => {
    const group = new WaitGroup();
    const tally = new Int32Array(new SharedArrayBuffer(4));
    const input = (role: WaitGroupStressInput['role']) => ({
      role,
      group: group.shared,
      tally,
      jobs: JOBS,
    });
    // As in Go, we add before we start anything that calls done().
    group.add(JOB_WORKERS * JOBS);
    const waiter = spawnWorker(WORKER, input('waiter'));
    const seen = nextMessage<{ ok: boolean; tally: number }>(waiter);
    const jobs = Array.from({ length: JOB_WORKERS }, () =>
      spawnWorker(WORKER, input('jobs')),
    );
    workers.push(waiter, ...jobs);
    const joined = joinAll([waiter, ...jobs]);
    joined.catch(() => undefined);
    expect(await group.waitAsync(10_000)).toBe(true);
    // Each job bumped the tally before its done(), so all of it shows.
    expect(Atomics.load(tally, 0)).toBe(JOB_WORKERS * JOBS);
    expect(await seen).toEqual({ ok: true, tally: JOB_WORKERS * JOBS });
    expect(await joined).toEqual([0, 0, 0, 0]);
  });
});
