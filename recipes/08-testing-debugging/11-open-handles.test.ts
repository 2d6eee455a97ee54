import { expect, test } from 'vitest';
import { main } from './11-open-handles.ts';

test('the snapshot difference names every handle left open', async () => {
  const { leaked, afterUnref, afterCleanup } = await main();
  // The ref'd interval and the listening server; not the unref'd timer.
  expect(leaked).toEqual(['TCPServerWrap', 'Timeout']);
  expect(afterUnref).toEqual(['TCPServerWrap']);
  expect(afterCleanup).toEqual([]);
});
