import { expect, test } from 'vitest';
import { main } from './25-wait-async.ts';

test('Atomics.wait starves the loop; Atomics.waitAsync lets it run',
  async () => {
    const { blocking, nonBlocking } = await main();
    // The timer could only run after the blocking wait gave up.
    expect(blocking).toEqual([
      "Atomics.wait returned 'timed-out'",
      'timer ran, GO set',
      "then, waiting async: 'ok'",
    ]);
    // The timer ran during the async wait, which then ended 'ok'.
    expect(nonBlocking).toEqual([
      'waitAsync returned a promise: true',
      'timer ran, GO set',
      "Atomics.waitAsync resolved 'ok'",
    ]);
  });
