import { threadId } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { main } from './32-pool-cancel.ts';
import { CHUNKS } from './32-pool-cancel.task.ts';

test('abort kills the thread; the cooperative flag lets it clean up',
  async () => {
    const { aborted, cooperative } = await main();

    // AbortSignal: an AbortError, no cleanup, a new thread.
    expect(aborted.error).toBeInstanceOf(Error);
    expect((aborted.error as Error).name).toBe('AbortError');
    expect(aborted.cleaned).toBe(0);
    expect(aborted.threadAfter).not.toBe(aborted.threadBefore);
    expect(aborted.threadAfter).not.toBe(threadId);

    // Cooperative: a partial result, cleanup done, the same thread.
    expect(cooperative.outcome.chunks).toBeGreaterThanOrEqual(1);
    expect(cooperative.outcome.chunks).toBeLessThan(CHUNKS);
    expect(cooperative.cleaned).toBe(1);
    expect(cooperative.outcome.threadId).toBe(aborted.threadAfter);
    expect(cooperative.threadAfter).toBe(aborted.threadAfter);
  });
