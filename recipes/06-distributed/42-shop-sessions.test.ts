import { expect, test } from 'vitest';
import { main } from './42-shop-sessions.ts';

test('two sessions keep their customers apart; one shop holds both',
  async () => {
    const { balances, refused } = await main();
    expect(balances).toEqual({ Meeta: 100, Rashmi: 63 });
    expect(refused).toBe('ValueError: not enough money for a car');
  });

test('each run starts with an empty shop', async () => {
  expect((await main()).balances).toEqual({ Meeta: 100, Rashmi: 63 });
});
