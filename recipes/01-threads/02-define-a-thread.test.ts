import { beforeAll, expect, test } from 'vitest';
import { main, type Result } from './02-define-a-thread.ts';

// One run serves every test.
let result: Result;
beforeAll(async () => { result = await main(); }, 60_000);

test('the book\'s start+join loop runs the threads one at a time',
  () => {
    const { sequential, sequentialAlive } = result;
    expect(sequential).toEqual([0, 1, 2, 3, 4]);
    // A shared counter, not a clock: each worker found itself the only
    // one running, because the previous one had been joined.
    expect(sequentialAlive).toEqual([1, 1, 1, 1, 1]);
  });

test('parallel workers each get their argument once, on their own thread',
  () => {
    const { parallel, threadIds, mainThreadId } = result;
    expect([...parallel].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(threadIds).size).toBe(5);
    expect(threadIds).not.toContain(mainThreadId);
    expect(mainThreadId).toBe(0);
  });
