import { beforeAll, expect, test } from 'vitest';
import { main, STEPS, type Result } from './08-race.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('the forced race loses exactly one update per step', () => {
  expect(result).toEqual({
    counter: STEPS, expected: 2 * STEPS, lostUpdates: STEPS,
  });
});
