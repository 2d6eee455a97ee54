import { expect, test } from 'vitest';
import { main } from './14-barrier-race.ts';

test('a barrier between read and write makes the thread race certain',
  async () => {
    // Run it a few times: the lost update is not luck.
    for (let run = 0; run < 3; run++) {
      const { threadCounter } = await main();
      expect(threadCounter).toBe(1);
    }
  });
