/**
 * Test plumbing for the stress tests (imported by *.test.ts only, never
 * by the primitives): a list of workers that vitest terminates after each
 * test, pass or fail, so a failed assertion never leaves a thread blocked
 * in Atomics.wait behind it.
 */
import type { Worker } from 'node:worker_threads';
import { afterEach } from 'vitest';

export function terminatedAfterEach(): Worker[] {
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.allSettled(workers.splice(0).map((w) => w.terminate()));
  });
  return workers;
}
