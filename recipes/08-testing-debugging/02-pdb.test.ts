import { expect, test } from 'vitest';
import { main } from './02-pdb.ts';

test('the conditional breakpoint stops at j = 0, 3, 6, 9 and reads state',
  () => {
    const { stops } = main();
    expect(stops.map((s) => s.j)).toEqual([0, 3, 6, 9]);
    expect(stops.every((s) => s.counter === 10)).toBe(true);
    expect(stops.every((s) => s.functionName === 'go')).toBe(true);
  });
