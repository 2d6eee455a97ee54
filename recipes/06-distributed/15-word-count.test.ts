import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRedis, type RedisServer } from '@cookbook/shared/services/redis';
import { main, mapLines, reduceCounts } from './15-word-count.ts';
import { generateText } from './15-word-count.text.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.close());

test('map and reduce on a known text', () => {
  const parts = [mapLines(['a b a', 'c']), mapLines(['b  a'])];
  expect(reduceCounts(parts)).toEqual({ a: 3, b: 2, c: 1 });
});

test('the generated text is the same for the same seed', () => {
  expect(generateText(50)).toEqual(generateText(50));
  expect(generateText(50, 6)).not.toEqual(generateText(50));
});

test('the distributed count equals the serial count', async () => {
  const r = await main({ redis, lines: 3_001 });
  expect(r.counts).toEqual(r.serial);
  expect(r.words).toBe(3_001 * 12);
}, 120_000);
