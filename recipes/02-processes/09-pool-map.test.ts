import { expect, test } from 'vitest';
import { INPUTS, main, PROCESSES } from './09-pool-map.ts';

test('the pool map gives the squares of 0..99 in order, from 4 children',
  async () => {
    const { squares, pids } = await main();
    expect(squares).toEqual(INPUTS.map((n) => n * n));
    expect(pids).toHaveLength(PROCESSES);
    expect(pids).not.toContain(process.pid);
  }, 60_000);
