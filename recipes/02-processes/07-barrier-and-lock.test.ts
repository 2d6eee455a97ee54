import { expect, test } from 'vitest';
import { main, type Step } from './07-barrier-and-lock.ts';

test('p1 and p2 meet at the barrier and print one at a time', async () => {
  const steps = await main();
  const of = (name: string, op: Step['op']): number[] => steps
    .filter((s) => s.name.startsWith(name) && s.op === op)
    .map((s) => s.tick);
  // Only the two barrier processes used the coordinator.
  expect(steps.some((s) => /p3|p4/.test(s.name))).toBe(false);
  const arrivals = [...of('p1', 'wait'), ...of('p2', 'wait')];
  expect(arrivals).toHaveLength(2);
  for (const name of ['p1', 'p2']) {
    const [released] = of(name, 'released');
    expect(released).toBeGreaterThan(Math.max(...arrivals));
  }
  // The lock: acquire/release alternate, never two holders at once.
  let held = 0;
  for (const s of steps) {
    if (s.op === 'acquired') held++;
    if (s.op === 'release') held--;
    expect(held).toBeLessThanOrEqual(1);
    expect(held).toBeGreaterThanOrEqual(0);
  }
  expect(steps.filter((s) => s.op === 'acquired')).toHaveLength(2);
}, 60_000);
