import { expect, test } from 'vitest';
import { main } from './47-comlink-workers.ts';

test('calls run in the worker; a callback runs here', async () => {
  const result = await main();
  expect(result.replies).toEqual(['Hi welcome Ann', 'Hi welcome Bob',
    'Hi welcome Eve']);
  expect(result.count).toBe(3);
  expect(result.ticks).toEqual([3, 2, 1]);
  expect(result.countdown).toBe('lift-off');
}, 60_000);
