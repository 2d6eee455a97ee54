import { expect, test } from 'vitest';
import { main } from './04-thread-subclass.ts';

test('nine subclass threads run and end, all in this process', async () => {
  const { reports } = await main();
  const names = (event: string): string[] => reports
    .filter((r) => r.event === event).map((r) => r.name).sort();
  const expected = Array.from({ length: 9 }, (_, i) => `Thread#${i + 1}`)
    .sort();
  expect(names('running')).toEqual(expected);
  expect(names('over')).toEqual(expected);
  expect(new Set(reports.map((r) => r.pid))).toEqual(new Set([process.pid]));
  expect(new Set(reports.map((r) => r.threadId)).size).toBe(9);
});

test('the sleeps overlap: several threads sleep at the same time',
  async () => {
    // A counter, not a clock: the gauge proves overlap on any machine.
    const { peakAsleep } = await main();
    expect(peakAsleep).toBeGreaterThan(1);
    expect(peakAsleep).toBeLessThanOrEqual(9);
  });
