import { expect, test } from 'vitest';
import { main } from './08-post-mortem.ts';

test('the post-mortem sees the failing frame before the worker dies',
  async () => {
    const { postMortem, workerError } = await main();
    expect(postMortem).toEqual({ reason: 'exception',
      error: 'RangeError: no step 7', j: 7, counter: 10 });
    expect(workerError).toBe('no step 7');
  });
