/**
 * The worker side of threads/pool-map: piscina loads this module once per
 * thread and calls an export for every task (the default one unless the
 * pool or the call names another).
 */
import { threadId } from 'node:worker_threads';

// The warm-up task (see shared/src/idioms.ts and threads/cpu-bound).
export { meet } from '@cookbook/shared';

/** Counts the primes below `limit` by trial division: honest CPU work. */
export function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

export interface Job {
  limit: number;
  /** One shared cell: the next completion ticket (0, 1, 2, ...). */
  tickets: Int32Array;
}

export interface Done {
  primes: number;
  threadId: number;
  /** The order in which this task finished, across all threads. */
  ticket: number;
}

// The ticket is drawn inside the worker at the moment the work ends, so
// it records the true completion order, not the order in which the main
// thread happens to process the replies.
export default function countTask({ limit, tickets }: Job): Done {
  const primes = countPrimes(limit);
  return { primes, threadId, ticket: Atomics.add(tickets, 0, 1) };
}

// A task that does nothing: what the benchmark uses to measure the cost
// of one trip through the pool.
export function noop(value: number): number {
  return value;
}
