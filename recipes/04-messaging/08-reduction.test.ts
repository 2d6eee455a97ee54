import { expect, test } from 'vitest';
import { main } from './08-reduction.ts';

// The serial reference: fold every rank's array with the op.
function reference(size: number, f: (a: number, b: number) => number) {
  const arrays = Array.from({ length: size },
    (_, r) => Array.from({ length: 10 }, (_, i) => (r + 1) * i));
  return arrays.reduce((acc, a) => acc.map((v, i) => f(v, a[i]!)));
}

test.each([3, 4])('Reduce equals the serial fold on %i ranks (any count)',
  async (size) => {
    const { ranks } = await main(size);
    expect(ranks).toHaveLength(size);
    const root = ranks[0]!;
    expect(root['SUM']).toEqual(reference(size, (a, b) => a + b));
    expect(root['PROD']).toEqual(reference(size, (a, b) => a * b));
    expect(root['MAX']).toEqual(reference(size, Math.max));
    expect(root['MIN']).toEqual(reference(size, Math.min));
    // The largest (7r mod size), and the lowest rank that holds it.
    const values = Array.from({ length: size }, (_, r) => (r * 7) % size);
    const best = Math.max(...values);
    expect(root['MAXLOC']).toEqual([best, values.indexOf(best)]);
    for (const other of ranks.slice(1)) {
      expect(other['SUM']).toEqual(new Array(10).fill(0));
    }
  });
