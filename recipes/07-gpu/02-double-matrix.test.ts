import { expect, test } from 'vitest';
import { bookStrideHits, main, SIZE } from './02-double-matrix.ts';

test("the book's stride of 4 misses cells and races on others", () => {
  const hits = bookStrideHits(SIZE, 4);
  expect(hits.reduce((a, b) => a + b)).toBe(25); // 25 threads
  expect(hits.filter((h) => h === 0)).toHaveLength(4);
  expect(hits.filter((h) => h === 2)).toHaveLength(4);
  // The fix, a stride equal to the width, hits every cell once.
  expect(bookStrideHits(SIZE, SIZE)).toEqual(new Array(25).fill(1));
});

test('the fixed kernel doubles every cell exactly (x2 is exact)',
  async () => {
    const r = await main();
    expect(r.doubled).toHaveLength(SIZE);
    expect(r.error).toBe(0);
    expect(r.neverDoubled).toEqual([21, 22, 23, 24]);
    expect(r.doubledTwice).toEqual([4, 8, 12, 16]);
    expect(r.ranOn).toMatch(/Kernel$/);
  }, 60_000);
