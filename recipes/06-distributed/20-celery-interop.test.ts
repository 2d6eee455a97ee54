import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main } from './20-celery-interop.ts';

// CI installs python3-celery and python3-redis; elsewhere we skip.
const missing = spawnSync('/usr/bin/python3',
  ['-c', 'import celery, redis'], { stdio: 'ignore' }).status !== 0;
const reason = 'needs /usr/bin/python3 with celery and redis ' +
  '(apt-get install python3-celery python3-redis)';

let redis: RedisServer | undefined;
beforeAll(async () => {
  if (!missing) redis = await startRedis();
});
afterAll(() => redis?.close());

test.skipIf(missing)(`both directions return 42${missing
  ? ` (skipped: ${reason})` : ''}`, async () => {
  const r = await main(redis ? { redis } : {});
  expect(r).toEqual({ sum: 42, product: 42 });
}, 120_000);
