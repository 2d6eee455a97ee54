import { expect, test } from 'vitest';
import { main } from './13-stress.ts';

test('stress finds the broken lock; the Mutex passes every round',
  async () => {
    const { broken, mutex, boundPerRound } = await main();
    // One failing round is proof: updates were lost under the lock.
    expect(broken.failedAt).toBeGreaterThan(0);
    expect(broken.lost).toBeGreaterThan(0);
    // Clean rounds bound the failure rate; they prove nothing more.
    expect(mutex).toEqual({ failedAt: 0, lost: 0, rounds: 200 });
    expect(boundPerRound).toBeCloseTo(0.015);
  }, 120_000);
