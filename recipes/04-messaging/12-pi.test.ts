import { expect, test } from 'vitest';
import { main } from './12-pi.ts';

test('scatter + reduce gives the serial sum (to rounding) and pi',
  async () => {
    const { parallel, serial } = await main();
    expect(Math.abs(parallel - serial)).toBeLessThan(1e-10);
    expect(Math.abs(parallel - Math.PI)).toBeLessThan(1e-9);
  });
