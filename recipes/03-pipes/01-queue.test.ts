import { expect, test } from 'vitest';
import { ITEMS, main } from './01-queue.ts';

test('the sentinel consumer reads every item, in order, and stops',
  async () => {
    const { produced, consumed } = await main();
    expect(produced).toEqual(ITEMS);
    // A queue is FIFO, and nothing is lost to the empty() race.
    expect(consumed).toEqual(ITEMS);
  }, 60_000);
