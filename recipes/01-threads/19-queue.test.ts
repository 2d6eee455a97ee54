import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './19-queue.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

test('every item is consumed exactly once, by one of 3 consumers',
  () => {
    const { produced, takenBy, joined } = result;
    expect(produced).toHaveLength(10);
    expect(joined).toBe(true);
    // All three consumers ended and reported (close() freed them).
    expect(takenBy).toHaveLength(3);
    // Multiset equality: same items, same multiplicities.
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(sorted(takenBy.flat())).toEqual(sorted(produced));
  });

test('each consumer takes items in queue (FIFO) order', () => {
  const { produced, takenBy } = result;
  // The seeded items are distinct, so each has one position; a
  // consumer's gets are sequential, so its positions must rise.
  expect(new Set(produced).size).toBe(produced.length);
  for (const taken of takenBy) {
    const positions = taken.map((x) => produced.indexOf(x));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }
});
