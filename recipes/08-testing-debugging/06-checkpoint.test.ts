import { expect, test } from 'vitest';
import { main } from './06-checkpoint.ts';

test('five seeded interruptions, each resumed, end where one run ends',
  async () => {
    const { stops, resumedFrom, warnedAt, uninterrupted, resumed } =
      await main();
    expect(stops.length).toBeGreaterThanOrEqual(5);
    // Every leg started exactly where the previous one was stopped.
    expect(resumedFrom).toEqual([0, ...stops]);
    expect(resumed).toEqual(uninterrupted);
    expect(resumed.i).toBe(60);
    // SIGUSR2 saved a checkpoint and the job went on to its stop.
    expect(warnedAt).toBe(Math.floor(stops[0]! / 2));
    expect(warnedAt).toBeLessThan(stops[0]!);
  }, 120_000);
