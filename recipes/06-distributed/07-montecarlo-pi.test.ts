import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main, pointsInCircle, serialCount } from './07-montecarlo-pi.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('a task is repeatable and counts at most its attempts', () => {
  expect(pointsInCircle(500, 3)).toBe(pointsInCircle(500, 3));
  const inside = pointsInCircle(10_000, 1);
  expect(inside).toBeLessThanOrEqual(10_000);
  expect(4 * inside / 10_000).toBeCloseTo(Math.PI, 1);
});

test('the distributed map counts exactly what a serial run counts',
  async () => {
    const runs = await main({ redis, runs: [[40, 500], [60, 300]] });
    expect(runs.map((r) => [r.tasks, r.attempts]))
      .toEqual([[40, 500], [60, 300]]);
    for (const r of runs) {
      expect(r.inside).toBe(serialCount(r.tasks, r.attempts));
      expect(r.inside).toBe(r.expected);
      expect(r.pi).toBeCloseTo(Math.PI, 1);
    }
  }, 120_000);
