/**
 * What both channel recipes' tests check on every channel: a 4 MB
 * message comes back byte for byte, and 200 small ones sent at once come
 * back whole and in the order they left. Closes the echo child after.
 */
import { expect } from 'vitest';
import type { Echo } from './04-channels.client.ts';

export async function expectWholeAndInOrder(echo: Echo): Promise<void> {
  try {
    const big = Buffer.alloc(4 << 20, 3);
    expect((await echo.request(big)).equals(big)).toBe(true);
    const small = Array.from({ length: 200 }, (_, i) => Buffer.from([i]));
    const back = await Promise.all(small.map((p) => echo.request(p)));
    expect(back).toEqual(small);
  } finally {
    await echo.close();
  }
}
