import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './17-scoped-acquire.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

const NAMES = ['Mutex', 'RLock', 'Condition', 'Semaphore'];

test('every scoped form releases when its block throws', () => {
  const { lines } = result;
  // 4 primitives x 3 forms, each of which threw and was caught.
  expect(lines).toHaveLength(12);
  expect(lines.map((l) => l.name)).toEqual(
    NAMES.flatMap((n) => [n, n, n]));
  expect(lines.filter((l) => l.via === 'using')).toHaveLength(4);
  expect(lines.filter((l) => l.via === 'try/finally')).toHaveLength(4);
  // Held while the block ran (so the throw left from inside the
  // critical section), and free again once it had thrown.
  expect(lines.every((l) => l.heldInside)).toBe(true);
  expect(lines.every((l) => l.releasedAfterThrow)).toBe(true);
});

test('another thread then takes each primitive without waiting',
  () => {
    const { freeForMain } = result;
    expect(freeForMain).toEqual(
      Object.fromEntries(NAMES.map((n) => [n, true])));
  });
