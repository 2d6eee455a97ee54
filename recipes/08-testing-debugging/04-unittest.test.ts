import { expect, test } from 'vitest';
import { main } from './04-unittest.ts';

test('the nested run reports pass, fail and error like unittest',
  async () => {
    const { outcomes } = await main();
    const byName = Object.fromEntries(outcomes.map((o) => [o.name, o]));
    expect(outcomes).toHaveLength(13);
    expect(byName['SimplisticTest test']?.outcome).toBe('pass');
    expect(byName['OutcomesTest testPass']?.outcome).toBe('pass');
    expect(byName['OutcomesTest testFail']?.outcome).toBe('fail');
    expect(byName['OutcomesTest testError']).toMatchObject(
      { outcome: 'error', message: 'RuntimeError: test error!' });
    // Exceptions from a worker and a process: asserted ones pass, the
    // uncaught worker error is an error of the test that started it.
    expect(byName['ConcurrentTest testWorkerErrorIsAsserted']?.outcome)
      .toBe('pass');
    expect(byName['ConcurrentTest testChildExitCodeIsAsserted']?.outcome)
      .toBe('pass');
    expect(byName['ConcurrentTest testWorkerErrorNotCaught']).toMatchObject(
      { outcome: 'error', message: 'Error: crash in a worker' });
    expect(outcomes.filter((o) => o.outcome === 'pass')).toHaveLength(10);
  }, 90_000);
