import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { CONCURRENCY, main } from './05-routing.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('routes, pool sizes and fire-and-forget', async () => {
  const r = await main({ redis });
  // Each task ran only on the worker of its queue.
  expect(r.pids.cpu).not.toBe(r.pids.io);
  expect(r.ranOn.add).toEqual([r.pids.cpu]);
  expect(r.ranOn.fetch).toEqual([r.pids.io]);
  // `-c 1` never overlaps; `-c 8` overlaps, up to its limit.
  expect(r.peak.add).toBe(1);
  expect(r.peak.fetch).toBeGreaterThan(1);
  expect(r.peak.fetch).toBeLessThanOrEqual(CONCURRENCY.io);
  // Fire-and-forget: all ran, none kept.
  expect(r.logged).toBe(5);
  expect(r.logKept).toBe(0);
}, 120_000);
