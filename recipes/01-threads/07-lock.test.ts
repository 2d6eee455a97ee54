import { expect, test } from 'vitest';
import { main } from './07-lock.ts';

test('under the lock, +N and -N cancel exactly', async () => {
  const { locked } = await main();
  expect(locked).toBe(0);
});

test('without the lock, the forced race loses one update per step',
  async () => {
    const { raced, raceExpected, lostUpdates } = await main();
    expect(raceExpected).toBe(20_000);
    expect(lostUpdates).toBe(10_000);
    expect(raced).toBe(10_000);
  });
