import { expect, test } from 'vitest';
import { main } from './06-gather.ts';

test('the root gets (rank + 1)² from every rank, in rank order', async () => {
  const { gathered } = await main();
  expect(gathered).toEqual([[1, 4, 9, 16, 25], null, null, null, null]);
});
