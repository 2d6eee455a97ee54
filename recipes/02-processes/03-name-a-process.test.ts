import { expect, test } from 'vitest';
import { main, NAMES } from './03-name-a-process.ts';

test('each child is seen by the OS under the name it set', async () => {
  const named = await main();
  expect(named.map((n) => n.name)).toEqual(NAMES);
  expect(named.map((n) => n.seenByPs)).toEqual(NAMES);
  expect(named.map((n) => n.exitCode)).toEqual([0, 0]);
  expect(new Set(named.map((n) => n.pid)).size).toBe(2);
  expect(named.map((n) => n.pid)).not.toContain(process.pid);
}, 60_000);
