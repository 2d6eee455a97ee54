import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main, makeData, simulateWorkload } from './16-map-reduce.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('the book\'s data and workload', async () => {
  const data = makeData(4);
  expect(data).toEqual([[], [1], [2, 2], [3, 3, 3]]);
  expect(await simulateWorkload([3, 3, 3], 0)).toBe(9);
});

test('mapReduce equals the serial map and sum', async () => {
  // sum of a * a for a < 200
  const r = await main({ redis, items: 200, sleepMs: 1 });
  expect(r.serial).toBe(2_646_700);
  expect(r.distributed).toBe(r.serial);
}, 120_000);
