import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './10-rlock.ts';

let result: Result;
beforeAll(async () => { result = await main(); });

test('adder and remover re-enter the RLock; no update is lost', () => {
  expect(result.reports).toEqual([
    { role: 'adder', done: 12, deepest: 2 },
    { role: 'remover', done: 7, deepest: 2 },
  ]);
  expect(result.total).toBe(12 - 7);
});

test('the log holds every item once: 12 added, 7 removed', () => {
  // Which thread went when is the scheduler's choice; the counts are not.
  expect(result.order.filter((e) => e === 1)).toHaveLength(12);
  expect(result.order.filter((e) => e === -1)).toHaveLength(7);
});
