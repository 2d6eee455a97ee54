import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { add, main } from './01-add-task.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('the task is plain code', () => {
  expect(add(5, 5)).toBe(10);
});

test('a worker process runs add(5, 5) and the client reads 10', async () => {
  const { result, jobId, workerPid } = await main({ redis });
  expect(result).toBe(10);
  expect(jobId).not.toBe('');
  expect(workerPid).not.toBe(process.pid);
  expect(workerPid).toBeGreaterThan(0);
}, 120_000);
