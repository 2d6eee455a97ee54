import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { isAlive } from '../processes.ts';
import { TSX_EXEC_ARGV } from '../workers.ts';
import {
  INSTALL_HINT,
  MissingRedisError,
  ping,
  startRedis,
} from './redis.ts';

// With REDIS_URL set, startRedis uses that server and starts none, so
// there is nothing of ours to start and stop.
const external = process.env['REDIS_URL'] ? ' (skipped: REDIS_URL is set, ' +
  'so no server of ours starts)' : '';
test.skipIf(!!external)(
  `starts a loopback server that answers, and stops it${external}`,
  async () => {
    const redis = await startRedis();
    expect(redis.external).toBe(false);
    expect(redis.host).toBe('127.0.0.1');
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await ping(redis.port)).toBe(true);
    await redis.close();
    await redis.close(); // idempotent
    expect(isAlive(redis.pid ?? 0)).toBe(false);
    expect(await ping(redis.port)).toBe(false);
  });

test('REDIS_URL names an existing server, which close() leaves up',
  async () => {
    const own = await startRedis({ own: true });
    const saved = process.env['REDIS_URL'];
    process.env['REDIS_URL'] = own.url;
    try {
      const redis = await startRedis();
      expect(redis.external).toBe(true);
      expect(redis.port).toBe(own.port);
      await redis.close();
      expect(await ping(own.port)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['REDIS_URL'];
      else process.env['REDIS_URL'] = saved;
      await own.close();
    }
  });

test('a missing binary is thrown in a test', async () => {
  await expect(startRedis({ own: true, binary: 'no-such-redis-server' }))
    .rejects.toBeInstanceOf(MissingRedisError);
});

test('a missing binary is one line and exit 2 for a reader', async () => {
  // A child with an empty PATH (and no REDIS_URL, no VITEST) runs the
  // reader's path: no stack trace, just the install hint.
  const module = fileURLToPath(new URL('./redis.ts', import.meta.url));
  const script = `import(${JSON.stringify(module)})` +
    '.then((m) => m.startRedis())';
  const env: NodeJS.ProcessEnv = { PATH: '/nonexistent' };
  const outcome = await new Promise<{ code: number | null; err: string }>(
    (resolve) => {
      execFile(process.execPath,
        [...TSX_EXEC_ARGV, '--input-type=module', '-e', script],
        { env, timeout: 20_000 },
        (error, _out, err) => resolve({
          code: error ? (error.code as number) : 0, err }));
    });
  expect(outcome.code).toBe(2);
  expect(outcome.err.trim()).toBe(INSTALL_HINT);
});
