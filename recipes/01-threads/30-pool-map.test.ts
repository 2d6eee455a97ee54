import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { LIMITS, main, THREADS } from './30-pool-map.ts';
import { countPrimes } from './30-pool-map.task.ts';

test('the pool map equals a serial map, in input order', async () => {
  const { results, completion, threadIds } = await main();
  expect(results).toEqual(LIMITS.map(countPrimes));

  // Every input finished exactly once...
  expect([...completion].sort((a, b) => a - b))
    .toEqual(LIMITS.map((_, i) => i));
  // ...but not in input order: the biggest first input cannot finish
  // before the second thread's smaller one.
  expect(completion).not.toEqual(LIMITS.map((_, i) => i));
  expect(completion.indexOf(0)).toBeGreaterThan(completion.indexOf(1));

  // The work was spread over both threads, none of them the main one.
  expect(threadIds).toHaveLength(THREADS);
  expect(threadIds).not.toContain(threadId);
});
