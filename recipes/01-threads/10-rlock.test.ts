import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './10-rlock.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

test('adder and remover re-enter the RLock; no update is lost',
  () => {
    const { reports, total } = result;
    expect(reports).toEqual([
      { role: 'adder', done: 12, deepest: 2 },
      { role: 'remover', done: 7, deepest: 2 },
    ]);
    expect(total).toBe(12 - 7);
  });

test('a Mutex refuses re-entry; a stray RLock unlock throws', () => {
  const r = result;
  expect(r.mutexReentered).toBe(false);
  expect(r.mutexReenteredWithin50ms).toBe(false);
  expect(r.strayUnlockError).toMatch(/does not hold the lock/);
});
