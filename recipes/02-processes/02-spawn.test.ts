import { expect, test } from 'vitest';
import { main, myFunc, PROCESSES } from './02-spawn.ts';

test('six children run myFunc(i) one after another and exit 0', async () => {
  const spawned = await main();
  expect(spawned.map((s) => s.i)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(spawned.map((s) => s.exitCode)).toEqual(Array(PROCESSES).fill(0));
  const pids = spawned.map((s) => s.pid);
  expect(new Set(pids).size).toBe(PROCESSES);
  expect(pids).not.toContain(process.pid);
  // Child i printed i + 1 lines, exactly the book's.
  for (const { i, lines } of spawned) expect(lines).toEqual(myFunc(i));
  expect(myFunc(2)).toEqual(['calling myFunc from process n°: 2',
    'output from myFunc is :0', 'output from myFunc is :1']);
});
