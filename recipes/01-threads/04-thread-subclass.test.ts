import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './04-thread-subclass.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('nine subclass threads run and end, all in this process', () => {
  const { reports } = result;
  const names = (event: string): string[] => reports
    .filter((r) => r.event === event).map((r) => r.name).sort();
  const expected = Array.from({ length: 9 }, (_, i) => `Thread#${i + 1}`)
    .sort();
  expect(names('running')).toEqual(expected);
  expect(names('over')).toEqual(expected);
  expect(new Set(reports.map((r) => r.pid))).toEqual(new Set([process.pid]));
  expect(new Set(reports.map((r) => r.threadId)).size).toBe(9);
});

test('each thread says running before over', () => {
  for (const r of result.reports.filter((x) => x.event === 'over')) {
    const running = result.reports.findIndex((x) =>
      x.name === r.name && x.event === 'running');
    expect(running).toBeLessThan(result.reports.indexOf(r));
  }
});

test('the sleeps overlap: several threads sleep at the same time', () => {
  // A counter, not a clock: the gauge proves overlap on any machine.
  // The 900 ms sleeper is still asleep when the 100 ms one starts,
  // unless starting a worker took longer than 800 ms.
  expect(result.peakAsleep).toBeGreaterThan(1);
  expect(result.peakAsleep).toBeLessThanOrEqual(9);
});
