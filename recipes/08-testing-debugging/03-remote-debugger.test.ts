import { expect, test } from 'vitest';
import { main } from './03-remote-debugger.ts';

test('a client over TCP stops the program in its loop and reads i',
  async () => {
    const { stopsAt, printed, exitCode, port, portClosedAfter } =
      await main();
    expect(stopsAt).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each stop let the program go on: every thread ran, in order.
    expect(printed).toEqual(Array.from({ length: 10 },
      (_, i) => `my_func called by thread N°${i}`));
    expect(exitCode).toBe(0);
    // A free port was chosen, and nothing listens there afterwards.
    expect(port).toBeGreaterThan(0);
    expect(portClosedAfter).toBe(true);
  }, 90_000);
