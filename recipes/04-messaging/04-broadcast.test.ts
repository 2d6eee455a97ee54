import { expect, test } from 'vitest';
import { main } from './04-broadcast.ts';

test('all ten ranks hold the root\'s 100 after bcast', async () => {
  const { values } = await main();
  expect(values).toEqual(new Array(10).fill(100));
}, 60_000);
