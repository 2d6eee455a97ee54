import { expect, test } from 'vitest';
import { main } from './12-deadlock.ts';

test('opposite lock orders deadlock, and the bounded waits report it',
  async () => {
    const { opposite } = await main();
    expect(opposite).toEqual([false, false]);
  });

test('one global lock order lets both threads finish', async () => {
  const { same } = await main();
  expect(same).toEqual([true, true]);
});
