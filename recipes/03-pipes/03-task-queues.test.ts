import { expect, test } from 'vitest';
import { FIB_OF, fib, main, N } from './03-task-queues.ts';

test('every task is done once and every worker stops at its sentinel',
  async () => {
    // main() rejects if a worker did not exit 0, i.e. missed its sentinel.
    const { results } = await main();
    expect(fib(FIB_OF)).toBe(5_702_887);
    expect(results.map((r) => r.result)).toEqual(Array(N).fill(5_702_887));
    expect(results.map((r) => r.pid)).not.toContain(process.pid);
  }, 60_000);
