import { expect, test } from 'vitest';
import { expectWholeAndInOrder } from './channels.testkit.ts';
import {
  BLOCKING_CHANNELS,
  main,
  startBlockingEcho,
} from './10-blocking-channels.ts';

test('both blocking channels echo 100 round trips intact; only fifo-sync ' +
  'stops our event loop', async () => {
  const results = await main();
  expect(Object.keys(results)).toEqual([...BLOCKING_CHANNELS]);
  expect(results).toEqual({
    'stdio-sync': { echoed: true, loopTurned: true },
    'fifo-sync': { echoed: true, loopTurned: false },
  });
}, 60_000);

test('a 4 MB message and many pipelined ones come back whole, in order',
  async () => {
    for (const channel of BLOCKING_CHANNELS) {
      await expectWholeAndInOrder(await startBlockingEcho(channel));
    }
  }, 60_000);

test('fifo-sync blocks the caller: the reply is in before the call returns',
  async () => {
    const echo = await startBlockingEcho('fifo-sync');
    try {
      let replied: Buffer | undefined;
      void echo.request(Buffer.from('now')).then((r) => (replied = r));
      await Promise.resolve(); // one microtask, no event-loop turn
      expect(replied?.toString()).toBe('now');
    } finally {
      await echo.close();
    }
  }, 60_000);

test('a fifo-sync call to a killed child fails at once, naming it',
  async () => {
    const echo = await startBlockingEcho('fifo-sync');
    try {
      // No event-loop turn between the kill and the call: the blocking
      // call itself sees the child gone (EPIPE, or end of file).
      process.kill(echo.pid, 'SIGKILL');
      await expect(echo.request(Buffer.from('never echoed'))).rejects
        .toThrow(`echo child ${echo.pid} (fifo-sync) closed its pipe`);
    } finally {
      await echo.close();
    }
  }, 60_000);
