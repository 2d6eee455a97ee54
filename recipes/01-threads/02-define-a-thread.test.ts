import { expect, test } from 'vitest';
import { main } from './02-define-a-thread.ts';

test('the book\'s start+join loop runs the threads one at a time',
  async () => {
    const { sequential, sequentialAlive } = await main();
    expect(sequential).toEqual([0, 1, 2, 3, 4]);
    // A shared counter, not a clock: each worker found itself the only
    // one running, because the previous one had been joined.
    expect(sequentialAlive).toEqual([1, 1, 1, 1, 1]);
  });

test('parallel workers each get their argument once, on their own thread',
  async () => {
    const { parallel, threadIds, mainThreadId } = await main();
    expect([...parallel].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(threadIds).size).toBe(5);
    expect(threadIds).not.toContain(mainThreadId);
    expect(mainThreadId).toBe(0);
  });
