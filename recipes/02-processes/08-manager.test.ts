import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DictProxy, main, WRITERS } from './08-manager.ts';

test('ten writers through proxies: every key arrives, none lost', async () => {
  const results = await main();
  expect([...results]).toEqual(
    Array.from({ length: WRITERS }, (_, i) => [i, 2 * i]));
}, 90_000);

test('a proxy whose manager is gone fails its call with the reason', async () => {
  const gone = path.join(os.tmpdir(), `cookbook-no-manager-${process.pid}`);
  using d = new DictProxy(gone);
  await expect(d.set(1, 2)).rejects.toThrow(/ENOENT/);
});
