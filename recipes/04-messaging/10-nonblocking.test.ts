import { expect, test } from 'vitest';
import { main } from './10-nonblocking.ts';

const ITEMS = 1 << 20;

test('each rank receives its left neighbour\'s whole array and computes ' +
  'the same sums as a serial run', async () => {
  const { reports, serialSums } = await main();
  reports.forEach((rep, rank) => {
    const left = (rank + 3) % 4;
    expect(rep.left).toBe(left);
    expect(rep.firstLast).toEqual([left * ITEMS, left * ITEMS + ITEMS - 1]);
    expect(rep.sum).toBe(serialSums[rank]);
  });
});
