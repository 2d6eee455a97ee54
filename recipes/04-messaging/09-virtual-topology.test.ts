import { expect, test } from 'vitest';
import { main } from './09-virtual-topology.ts';

test('2 x 2 grid: mesh edges have no neighbour (-1), the torus wraps',
  async () => {
    const { places } = await main();
    expect(places.map((p) => p.map((q) => q.coords))).toEqual([
      [[0, 0], [0, 0]], [[0, 1], [0, 1]], [[1, 0], [1, 0]],
      [[1, 1], [1, 1]]]);
    // [UP, DOWN, LEFT, RIGHT] per rank.
    expect(places.map((p) => p[0]!.neighbours)).toEqual([
      [-1, 2, -1, 1], [-1, 3, 0, -1], [0, -1, -1, 3], [1, -1, 2, -1]]);
    expect(places.map((p) => p[1]!.neighbours)).toEqual([
      [2, 2, 1, 1], [3, 3, 0, 0], [0, 0, 3, 3], [1, 1, 2, 2]]);
  });
