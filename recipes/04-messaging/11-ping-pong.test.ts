import { expect, test } from 'vitest';
import { main } from './11-ping-pong.ts';

test('every echo comes back stamped by rank 1, at every size', async () => {
  const { intact } = await main();
  expect(intact).toEqual([true, true]);
});
