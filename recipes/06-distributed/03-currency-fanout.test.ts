import { afterAll, beforeAll, expect, test } from 'vitest';
import { BOOK_RATES } from '@cookbook/shared/services/rate-stub';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main } from './03-currency-fanout.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('timeout, purge, fan-out and the remote error', async () => {
  const r = await main({ redis });
  expect(r.timedOut).toBe(true);
  expect(r.purged).toBe(3);
  expect(r.rates).toEqual(BOOK_RATES);
  expect(r.error).toBe('Booo!');
}, 120_000);
