import { beforeAll, expect, test } from 'vitest';
import { main, type Report, type Result } from './18-barrier.ts';

// One run serves every test: each run starts several workers.
let result: Result;
beforeAll(async () => {
  result = await main();
});

const NAMES = ['Dewey', 'Huey', 'Louie'];

const tickets = (rs: Report[], lap: number, event: Report['event']) =>
  rs.filter((r) => r.lap === lap && r.event === event).map((r) => r.ticket);

test('on every lap, nobody leaves before all three arrived', () => {
  const { reports } = result;
  for (const lap of [1, 2]) {
    const arrived = tickets(reports, lap, 'arrived');
    const left = tickets(reports, lap, 'left');
    expect(arrived).toHaveLength(3);
    expect(left).toHaveLength(3);
    // Logical order from one Atomics.add counter, not wall clock.
    expect(Math.min(...left)).toBeGreaterThan(Math.max(...arrived));
  }
  // The first three tickets ever taken are the lap-1 arrivals.
  expect(tickets(reports, 1, 'arrived').sort()).toEqual([0, 1, 2]);
});

test('each runner arrives and leaves once per lap, in its own order',
  () => {
    const { reports } = result;
    expect(new Set(reports.map((r) => r.ticket)).size).toBe(12);
    for (const name of NAMES) {
      const mine = reports.filter((r) => r.name === name)
        .sort((a, b) => a.ticket - b.ticket)
        .map((r) => `${r.lap}:${r.event}`);
      expect(mine).toEqual(['1:arrived', '1:left', '2:arrived', '2:left']);
    }
  });
