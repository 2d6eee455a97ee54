import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './11-deadlock.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('opposite orders: each holds one lock and is blocked by the other',
  () => {
    // Both met at the barrier holding their first lock, so the cycle is
    // certain: each bounded wait ran out and named the other thread.
    expect(result.opposite).toEqual([
      { thread: 1, took: ['A'],
        stuck: { holds: 'A', wants: 'B', heldBy: 2 } },
      { thread: 2, took: ['B'],
        stuck: { holds: 'B', wants: 'A', heldBy: 1 } },
    ]);
  });

test('one lock order: both threads take both locks, nobody waits out', () => {
  expect(result.ordered).toEqual([
    { thread: 1, took: ['A', 'B'] },
    { thread: 2, took: ['A', 'B'] },
  ]);
});
