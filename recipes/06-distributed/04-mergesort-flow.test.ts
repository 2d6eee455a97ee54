import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main } from './04-mergesort-flow.ts';
import { merge, mergeSort, shuffled } from './04-mergesort-flow.sort.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('mergeSort and merge agree with the built-in sort', () => {
  const xs = shuffled(1_001, 7);
  expect(mergeSort(xs)).toEqual([...xs].sort((a, b) => a - b));
  expect(merge([1, 4, 9], [2, 3, 10])).toEqual([1, 2, 3, 4, 9, 10]);
  expect(new Set(xs).size).toBe(1_001); // a permutation
});

test('the flow sorts chunks in workers and merges in the parent',
  async () => {
    const r = await main({ redis, size: 20_003 });
    expect(r.size).toBe(20_003);
    expect(r.distributedOk).toBe(true);
    expect(r.localOk).toBe(true);
  }, 120_000);
