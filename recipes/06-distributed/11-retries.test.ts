import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main } from './11-retries.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('a flaky job succeeds on a retry; a broken one ends failed',
  async () => {
    const r = await main({ redis });
    expect(r).toEqual({
      flakyValue: 42, flakyAttempts: 3,
      brokenState: 'failed', brokenReason: 'bad input 42',
      brokenAttempts: 3, failedCount: 1,
    });
  }, 120_000);
