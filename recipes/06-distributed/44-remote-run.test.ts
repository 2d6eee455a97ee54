import { expect, test } from 'vitest';
import { main } from './44-remote-run.ts';

test('output goes to the server, then streams back to the caller',
  async () => {
    const { serverLines, clientLines } = await main();
    expect(serverLines).toEqual(['hi python cookbook']);
    expect(clientLines).toEqual(['hi python cookbook', '3...', '2...',
      '1...']);
  });

test('only named tasks run: anything else is refused', async () => {
  const { refused } = await main();
  expect(refused).toBe("PermissionError: no task named 'exec'");
});
