import { afterAll, beforeAll, expect, test } from 'vitest';
import { BOOK_RATES } from '@cookbook/shared/services/rate-stub';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main } from './06-rq-job-queue.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('polling reads every rate; the launcher stops in two steps',
  async () => {
    const r = await main({ redis });
    expect(r.rates).toEqual(BOOK_RATES);
    expect(r.polls).toBeGreaterThan(0);
    // SIGTERM let the short job finish and the worker exit cleanly.
    expect(r.slow).toEqual({ code: 0, signal: null, jobState: 'completed' });
    // The stuck job held its worker past the grace: SIGKILL.
    expect(r.stuck.signal).toBe('SIGKILL');
    expect(r.stuck.jobState).toBe('active');
  }, 120_000);
