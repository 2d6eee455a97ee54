import { expect, test } from 'vitest';
import { isAlive } from '@cookbook/shared';
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

test('a request to an echo child that died fails, naming it', async () => {
  const echo = await startEcho('stdio');
  try {
    const { pid } = echo;
    process.kill(pid, 'SIGKILL');
    // Wait until it is gone, then for its 'exit' event.
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    await expect(echo.request(Buffer.from('never echoed'))).rejects.toThrow(
      `echo child ${echo.pid} (stdio) exited (SIGKILL)`);
  } finally {
    await echo.close();
  }
}, 60_000);
