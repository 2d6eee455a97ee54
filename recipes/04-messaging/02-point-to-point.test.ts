import { expect, test } from 'vitest';
import { main } from './02-point-to-point.ts';

test('rank 4 gets 10000000 from rank 0, rank 8 gets "hello" from rank 1',
  async () => {
    const { received } = await main();
    expect(received).toHaveLength(9);
    expect(received).toEqual([null, null, null, null, 10000000, null, null,
      null, 'hello']);
  });
