import { expect, test } from 'vitest';
import { main } from './20-cancellation.ts';

test('one signal stops the timer, the request and the worker task',
  async () => {
    const { aborted, timedOut, poolStillWorks } = await main();
    // Nothing finished: every layer rejected.
    expect(aborted).toEqual(
      { timer: 'AbortError', fetch: 'AbortError', worker: 'AbortError' });
    // fetch passes the timeout's own reason on; the others wrap it.
    expect(timedOut).toEqual(
      { timer: 'AbortError', fetch: 'TimeoutError', worker: 'AbortError' });
    expect(poolStillWorks).toBe(true);
  }, 60_000);
