import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { alt, main, poison, Poisoned, write } from './17-csp-channels.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('counter and printer processes: 0..4, then poison', async () => {
  const r = await main({ redis });
  expect(r.printed).toEqual([0, 1, 2, 3, 4]);
  // Unbuffered: every write returned only after the value was taken.
  expect(r.leftAfterWrite).toEqual([0, 0, 0, 0, 0]);
}, 120_000);

test('alt takes whichever channel is ready; poison ends a read',
  async () => {
    const writer = new Redis(redis.url);
    const reader = new Redis(redis.url);
    try {
      // The write blocks until the alt below takes the value.
      const written = write(writer, 'y', 'from y');
      const got = await alt(reader, ['x', 'y']);
      await written;
      expect(got).toEqual({ channel: 'y', value: 'from y' });
      await poison(writer, 'x');
      await expect(alt(reader, ['x', 'y'])).rejects
        .toBeInstanceOf(Poisoned);
    } finally {
      writer.disconnect();
      reader.disconnect();
    }
  });
