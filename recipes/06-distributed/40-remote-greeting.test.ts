import { expect, test } from 'vitest';
import { main } from './40-remote-greeting.ts';

test('the client greets through a server in another process', async () => {
  const { reply, uri, serverPid } = await main('Ada');
  expect(reply).toBe('Hi welcome Ada');
  // The name server handed out the daemon's loopback URI.
  expect(uri).toMatch(/^PYRO:obj_[0-9a-f]{32}@127\.0\.0\.1:\d+$/);
  expect(serverPid).toBeGreaterThan(0);
  expect(serverPid).not.toBe(process.pid);
}, 60_000);
