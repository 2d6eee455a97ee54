import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { echo, main } from './02-echo-result.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('echo returns its message', () => {
  expect(echo('x')).toBe('x');
});

test('not ready before a worker runs; the stored result after', async () => {
  const r = await main({ redis });
  expect(r.direct).toBe('Python rocks!');
  expect(r.readyBefore).toBe(false);
  expect(r.stateBefore).toBe('waiting');
  expect(r.readyAfter).toBe(true);
  expect(r.result).toBe('Python rocks!');
  expect(r.workers).toBeGreaterThanOrEqual(1);
}, 120_000);
