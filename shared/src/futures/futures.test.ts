import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import {
  asCompleted,
  CancelledError,
  Executor,
  Future,
  ProcessExecutor,
  ThreadExecutor,
  TimeoutError,
  wait,
} from './index.ts';
import type { TestJob } from './test-task.ts';

const TASK = new URL('./test-task.ts', import.meta.url);

describe('Future', () => {
  test('a pending future can be cancelled; a running one cannot', async () => {
    const pending = new Future<number>();
    expect([pending.running(), pending.done()]).toEqual([false, false]);
    expect(pending.cancel()).toBe(true);
    expect([pending.cancelled(), pending.done()]).toEqual([true, true]);
    await expect(pending.result()).rejects.toBeInstanceOf(CancelledError);
    expect(pending.setRunningOrNotifyCancel()).toBe(false);

    const running = new Future<number>();
    expect(running.setRunningOrNotifyCancel()).toBe(true);
    expect(running.cancel()).toBe(false);
    expect(running.running()).toBe(true);
    running.setResult(7);
    expect(running.cancel()).toBe(false);
    expect(await running.result()).toBe(7);
    expect(await running.exception()).toBeUndefined();
  });

  test('result(timeout) rejects with TimeoutError, then resolves', async () => {
    const f = new Future<string>();
    f.setRunningOrNotifyCancel();
    await expect(f.result(0)).rejects.toBeInstanceOf(TimeoutError);
    await expect(f.result(20)).rejects.toBeInstanceOf(TimeoutError);
    setTimeout(() => f.setResult('late'), 20);
    expect(await f.result(5_000)).toBe('late');
  });

  test('exception() returns the error; result() throws it', async () => {
    const f = new Future<number>();
    const boom = new Error('boom');
    f.setRunningOrNotifyCancel();
    f.setException(boom);
    expect(await f.exception(0)).toBe(boom);
    await expect(f.result(0)).rejects.toBe(boom);
  });

  test('done callbacks run in order, and at once when done', () => {
    const seen: string[] = [];
    const f = new Future<number>();
    f.addDoneCallback(() => seen.push('first'));
    f.addDoneCallback(() => seen.push('second'));
    f.setRunningOrNotifyCancel();
    expect(seen).toEqual([]);
    f.setResult(1);
    expect(seen).toEqual(['first', 'second']);
    f.addDoneCallback(() => seen.push('late'));
    expect(seen).toEqual(['first', 'second', 'late']);
  });

  test('asCompleted yields in completion order, with a timeout', async () => {
    const fs = [0, 1, 2].map(() => new Future<number>());
    for (const f of fs) f.setRunningOrNotifyCancel();
    fs[2]!.setResult(2); // already done: yielded first
    setTimeout(() => fs[0]!.setResult(0), 10);
    setTimeout(() => fs[1]!.setResult(1), 200);
    const order: number[] = [];
    for await (const f of asCompleted(fs)) order.push(await f.result());
    expect(order).toEqual([2, 0, 1]);

    const never = new Future<number>();
    const it = asCompleted([never], 20);
    await expect(it.next()).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('Executor (an in-process backend)', () => {
  test('map with a timeout rejects, and cancels what has not started',
    async () => {
      const started: number[] = [];
      let closed = false;
      const ex = new Executor<number, number>({
        run: async (ms) => {
          started.push(ms);
          await sleep(ms);
          return ms;
        },
        close: async () => {
          closed = true;
        },
      }, 1);
      const results = ex.map([300, 10, 20], { timeout: 50 });
      await expect(results.next()).rejects.toBeInstanceOf(TimeoutError);
      await ex.shutdown();
      expect(started).toEqual([300]); // 10 and 20 never ran
      expect(closed).toBe(true);
    });

  test('maxWorkers bounds the tasks running at once', async () => {
    let running = 0;
    let peak = 0;
    const ex = new Executor<number, number>({
      run: async (x) => {
        peak = Math.max(peak, ++running);
        await sleep(5);
        running--;
        return x * 2;
      },
      close: async () => {},
    }, 3);
    const got: number[] = [];
    for await (const r of ex.map([1, 2, 3, 4, 5, 6, 7])) got.push(r);
    expect(got).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
    await ex.shutdown();
    expect(() => new Executor({ run: async () => 0,
      close: async () => {} }, 0)).toThrow(RangeError);
  });

  test('a backend that throws fails the future, not the executor',
    async () => {
      const ex = new Executor<number, number>({
        run: () => {
          throw new Error('no worker');
        },
        close: async () => {},
      }, 1);
      const [a, b] = [ex.submit(1), ex.submit(2)];
      expect(String(await a.exception())).toMatch(/no worker/);
      expect(String(await b.exception())).toMatch(/no worker/);
      await ex.shutdown();
    });
});

describe('wait', () => {
  test('FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and timeout',
    async () => {
      const [a, b, c] = [0, 1, 2].map(() => new Future<number>());
      const all = [a!, b!, c!];
      setTimeout(() => a!.setResult(1), 10);
      setTimeout(() => b!.setException(new Error('b')), 60);
      setTimeout(() => c!.setResult(3), 150);

      const first = await wait(all, { returnWhen: 'FIRST_COMPLETED' });
      expect([...first.done]).toEqual([a]);
      const failed = await wait(all, { returnWhen: 'FIRST_EXCEPTION' });
      expect([...failed.done]).toEqual([a, b]);
      expect([...failed.notDone]).toEqual([c]);
      const none = await wait(all, { timeout: 0 });
      expect(none.notDone.size).toBe(1);
      const every = await wait(all);
      expect(every.done.size).toBe(3);
      expect(every.notDone.size).toBe(0);
    });
});

describe('ThreadExecutor', () => {
  let ex: Executor<TestJob, number> | undefined;
  afterEach(async () => {
    await ex?.shutdown({ cancelFutures: true });
    ex = undefined;
  });

  test('one worker: running vs pending, cancel, FIFO order', async () => {
    ex = new ThreadExecutor<TestJob, number>(TASK, { maxWorkers: 1 });
    const a = ex.submit({ value: 1, sleepMs: 300 });
    const b = ex.submit({ value: 2 });
    const c = ex.submit({ value: 3 });
    expect([a.running(), b.running(), b.done()]).toEqual([true, false, false]);
    expect(b.cancel()).toBe(true);
    expect(a.cancel()).toBe(false);
    await expect(a.result(0)).rejects.toBeInstanceOf(TimeoutError);
    const order: number[] = [];
    for await (const f of asCompleted([c, b, a])) {
      order.push(f.cancelled() ? -1 : await f.result());
    }
    expect(order).toEqual([-1, 10, 30]);
  });

  test('map yields in input order; errors reach the caller', async () => {
    ex = new ThreadExecutor<TestJob, number>(TASK, { maxWorkers: 2 });
    const jobs = [{ value: 1, sleepMs: 300 }, { value: 2 }, { value: 3 }];
    const got: number[] = [];
    for await (const r of ex.map(jobs)) got.push(r);
    expect(got).toEqual([10, 20, 30]);

    const failing = ex.submit({ value: 4, fail: true });
    const error = await failing.exception();
    expect(String(error)).toMatch(/task 4 failed/);
    await expect(failing.result()).rejects.toThrow(/task 4 failed/);
  });

  test('shutdown({ cancelFutures }) cancels what has not started',
    async () => {
      const executor = new ThreadExecutor<TestJob, number>(TASK,
        { maxWorkers: 1 });
      const fs = [1, 2, 3, 4].map((value) =>
        executor.submit({ value, sleepMs: value === 1 ? 200 : 0 }));
      await executor.shutdown({ wait: true, cancelFutures: true });
      expect(fs.map((f) => f.state))
        .toEqual(['FINISHED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
      expect(await fs[0]!.result()).toBe(10);
      expect(() => executor.submit({ value: 5 }))
        .toThrow(/after shutdown/);
    });

  test('shutdown waits for every queued future by default', async () => {
    const executor = new ThreadExecutor<TestJob, number>(TASK,
      { maxWorkers: 2 });
    const fs = [1, 2, 3, 4, 5].map((value) => executor.submit({ value }));
    await executor.shutdown();
    expect(fs.every((f) => f.done() && !f.cancelled())).toBe(true);
    expect(await Promise.all(fs.map((f) => f.result())))
      .toEqual([10, 20, 30, 40, 50]);
  });
});

describe('shutdown({ wait: false })', () => {
  test('returns at once; queued work still runs, then the pool closes',
    async () => {
      const executor = new ThreadExecutor<TestJob, number>(TASK,
        { maxWorkers: 1 });
      const slow = executor.submit({ value: 1, sleepMs: 200 });
      const queued = executor.submit({ value: 2 });
      await executor.shutdown({ wait: false });
      // Nothing has finished yet, and nothing was cancelled.
      expect([slow.done(), queued.done(), queued.cancelled()])
        .toEqual([false, false, false]);
      expect(await queued.result()).toBe(20);
      expect(await slow.result(0)).toBe(10);
      expect(() => executor.submit({ value: 3 })).toThrow(/after shutdown/);
      await executor.shutdown(); // the same close, now awaited
    });
});

describe('ProcessExecutor', () => {
  test('runs in other processes: cancel, order, shutdown', async () => {
    const ex = new ProcessExecutor<TestJob, number>(TASK, { maxWorkers: 1 });
    try {
      expect(ex.pids).toHaveLength(1);
      expect(ex.pids).not.toContain(process.pid);
      const a = ex.submit({ value: 1, sleepMs: 300 });
      const b = ex.submit({ value: 2 });
      const c = ex.submit({ value: 3, fail: true });
      const d = ex.submit({ value: 4 });
      expect([a.running(), b.running()]).toEqual([true, false]);
      expect(b.cancel()).toBe(true);
      await expect(a.result(0)).rejects.toBeInstanceOf(TimeoutError);
      expect(await a.result()).toBe(10);
      expect(String(await c.exception())).toMatch(/task 3 failed/);
      await ex.shutdown({ wait: true });
      expect(await d.result(0)).toBe(40);
      expect(b.cancelled()).toBe(true);
    } finally {
      await ex.shutdown({ cancelFutures: true });
    }
  });
});
