import { expect, test } from 'vitest';
import { main } from './12-broker-down.ts';

// This recipe starts and stops its own Redis: it cannot share one.
test('client and worker exit 1 with one clear line when Redis stops',
  async () => {
    const r = await main();
    expect(r.doneBeforeStop).toBeGreaterThanOrEqual(5);
    for (const who of ['client', 'worker'] as const) {
      expect(r[who].code).toBe(1);
      expect(r[who].error).toMatch(
        new RegExp(`^${who}: lost the broker at redis://127\\.0\\.0\\.1:\\d+ `
          + '\\(.+\\)$'));
    }
  }, 120_000);
