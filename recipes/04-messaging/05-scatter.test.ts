import { expect, test } from 'vitest';
import { main } from './05-scatter.ts';

test('rank i gets item i + 1; 3 ranks fail like mpi4py\'s ValueError',
  async () => {
    const { received, wrongSize } = await main();
    expect(received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(wrongSize).toBe(
      'rank 0 failed: MpiError: scatter: expecting 3 items, got 10');
  }, 60_000);
