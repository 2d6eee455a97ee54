import { expect, test } from 'vitest';
import { main } from './02-event-loop.ts';

test('the chain turns A, B, C three times, then stops by itself; '
  + 'the queues run in phase order', async () => {
  const { calls, phases } = await main();
  expect(calls).toEqual(Array.from({ length: 9 },
    (_, i) => ['task_A', 'task_B', 'task_C'][i % 3]));
  expect(phases.map((p) => p.split(' ')[0])).toEqual([
    'synchronous', 'process.nextTick', 'promise', 'queueMicrotask',
    'setImmediate', 'setTimeout',
  ]);
});
