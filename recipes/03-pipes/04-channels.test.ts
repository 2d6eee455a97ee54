import { expect, test } from 'vitest';
import { CHANNELS, main, startEcho } from './04-channels.ts';

test('every channel echoes 100 round trips intact', async () => {
  const ok = await main();
  expect(Object.keys(ok)).toEqual([...CHANNELS]);
  expect(Object.values(ok).every(Boolean)).toBe(true);
}, 60_000);

test('a 4 MB message and many pipelined ones come back whole, in order',
  async () => {
    for (const channel of ['ipc-advanced', 'stdio', 'unix-socket'] as const) {
      const echo = await startEcho(channel);
      try {
        const big = Buffer.alloc(4 << 20, 3);
        expect((await echo.request(big)).equals(big)).toBe(true);
        const small = Array.from({ length: 200 }, (_, i) => Buffer.from([i]));
        const back = await Promise.all(small.map((p) => echo.request(p)));
        expect(back).toEqual(small);
      } finally {
        await echo.close();
      }
    }
  }, 60_000);
