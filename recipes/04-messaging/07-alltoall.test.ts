import { expect, test } from 'vitest';
import { main } from './07-alltoall.ts';

test('rank r receives element r of every rank: a transpose', async () => {
  const { received } = await main();
  const sent = (r: number) => [0, 1, 2, 3, 4].map((j) => (r + 1) * j);
  expect(received).toEqual([0, 1, 2, 3, 4].map(
    (r) => [0, 1, 2, 3, 4].map((j) => sent(j)[r])));
});
