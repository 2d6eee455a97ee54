import { expect, test } from 'vitest';
import { expectWholeAndInOrder } from './channels.testkit.ts';
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
      await expectWholeAndInOrder(await startEcho(channel));
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
