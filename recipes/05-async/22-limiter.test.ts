import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { LIMITS, limiter, main } from './22-limiter.ts';

test('every request answers; no limit is ever exceeded', async () => {
  const sweeps = await main();
  expect(sweeps.map((s) => s.limit)).toEqual(LIMITS);
  for (const s of sweeps) {
    expect(s.rates).toEqual(Array(40).fill(1.1042));
    expect(s.clientPeak).toBe(Math.min(s.limit, 40));
    expect(s.serverPeak).toBeGreaterThanOrEqual(1);
    expect(s.serverPeak).toBeLessThanOrEqual(s.limit);
  }
});

test('tasks start in FIFO order, a newcomer queues behind the waiters, '
  + 'and no more than the limit run', async () => {
  const limited = limiter(2);
  const started: number[] = [];
  const task = (id: number, ms: number) => limited(async () => {
    started.push(id);
    await sleep(ms);
    return id;
  });
  const first = [task(0, 20), task(1, 200), task(2, 10), task(3, 10)];
  expect(started).toEqual([0, 1]); // 2 and 3 wait
  await first[0];
  // Task 0 handed its slot to task 2; a newcomer queues behind 3.
  const late = task(4, 1);
  await Promise.all([...first, late]);
  expect(started).toEqual([0, 1, 2, 3, 4]);
  expect(limited.peak).toBe(2);
});
