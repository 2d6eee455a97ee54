import { expect, test } from 'vitest';
import { main } from './03-deadlock.ts';

test('recv before send on both sides is reported, naming ranks and tags;' +
  ' both fixes swap the letters', async () => {
  const { blocked, reordered, sendrecv } = await main();
  expect(blocked).toEqual([
    { rank: 1, op: 'recv', peer: 5, tag: -1 },
    { rank: 5, op: 'recv', peer: 1, tag: -1 },
  ]);
  const swapped = [null, 'b', null, null, null, 'a'];
  expect(reordered).toEqual(swapped);
  expect(sendrecv).toEqual(swapped);
}, 60_000);
