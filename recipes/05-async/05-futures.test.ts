import { expect, test } from 'vitest';
import { main } from './05-futures.ts';

const SUM = 'First coroutine (sum of N ints) result = 10';
const FACTORIAL = 'Second coroutine (factorial) result = 24';

test('the callbacks run in the order the futures are set; swapping '
  + 'the sleeps swaps them', async () => {
  const { firstSleepsLess, firstSleepsMore } = await main();
  // 1 + 2 + 3 + 4 = 10 (the 2nd edition printed 4), 4! = 24.
  expect(firstSleepsLess).toEqual([SUM, FACTORIAL]);
  expect(firstSleepsMore).toEqual([FACTORIAL, SUM]);
});
