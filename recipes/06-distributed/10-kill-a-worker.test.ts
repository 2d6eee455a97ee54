import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  flushAll,
  startRedis,
  type RedisServer,
} from '@cookbook/shared/services/redis';
import { main } from './10-kill-a-worker.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
beforeEach(() => flushAll(redis));
afterAll(() => redis?.close());

// Twice per run (the closing report names the 10-in-a-row check).
test.each([1, 2])('SIGKILL mid-job loses nothing (run %i)', async () => {
  const r = await main({ redis });
  expect(r.completed).toBe(1_000);
  expect(r.completions).toBe(1_000); // none counted twice
  expect(r.wrong).toBe(0);
  expect(r.stalled).toBeGreaterThanOrEqual(1);
  expect(r.victimJob).not.toBe('');
  expect(r.victimRerunBySurvivor).toBe(true);
}, 180_000);
