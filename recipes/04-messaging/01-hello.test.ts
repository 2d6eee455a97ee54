import { expect, test } from 'vitest';
import { main } from './01-hello.ts';

test('every rank of five runs once and knows its own rank', async () => {
  const { ranks, size } = await main();
  expect(size).toBe(5);
  expect(ranks).toEqual([0, 1, 2, 3, 4]);
});
