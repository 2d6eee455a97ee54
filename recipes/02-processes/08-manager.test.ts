import { expect, test } from 'vitest';
import { main, WRITERS } from './08-manager.ts';

test('ten writers through proxies: every key arrives, none lost', async () => {
  const results = await main();
  expect([...results]).toEqual(
    Array.from({ length: WRITERS }, (_, i) => [i, 2 * i]));
}, 90_000);
