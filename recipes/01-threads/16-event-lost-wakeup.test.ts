import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './16-event-lost-wakeup.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('a set+clear between check and sleep is lost by the naive wait',
  () => {
    // The interleaving is forced, so the outcome is certain: the naive
    // waiter's bounded wait times out, the generation waiter wakes.
    expect(result).toEqual({ naiveWoke: false, generationWoke: true });
  });
