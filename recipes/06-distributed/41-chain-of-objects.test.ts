import { expect, test } from 'vitest';
import { main } from './41-chain-of-objects.ts';

test('the message goes round the ring and back, as in the book', async () => {
  const { result, servers } = await main();
  expect(result).toEqual(['passed on from 1', 'passed on from 2',
    'passed on from 3', 'complete at 1']);
  // Three daemons, three ports: every hop was a real TCP call.
  expect(new Set(servers).size).toBe(3);
});
