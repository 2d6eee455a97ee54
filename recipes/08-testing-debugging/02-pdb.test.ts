import { expect, test } from 'vitest';
import { main } from './02-pdb.ts';

test('the conditional breakpoint stops at j = 0, 3, 6, 9 and reads state',
  async () => {
    const { stops } = await main();
    expect(stops.map((s) => s.j)).toEqual([0, 3, 6, 9]);
    expect(stops.every((s) => s.counter === 10)).toBe(true);
    expect(stops.every((s) => s.functionName === 'go')).toBe(true);
  });

test('the post-mortem sees the failing frame before the worker dies',
  async () => {
    const { postMortem, workerError } = await main();
    expect(postMortem).toEqual({ reason: 'exception',
      error: 'RangeError: no step 7', j: 7, counter: 10 });
    expect(workerError).toBe('no step 7');
  });
