/**
 * The pool's side of threads/pool-sizing: threads/pool-map's prime count
 * inside a peak gauge, so the recipe can count how many tasks ran at
 * the same moment.
 */
import { gaugeDown, gaugeUp } from '@cookbook/shared';
import { countPrimes } from './30-pool-map.task.ts';

// The warm-up task (see shared/src/idioms.ts and threads/cpu-bound).
export { meet } from '@cookbook/shared';

export interface Job {
  limit: number;
  gauge: Int32Array; // tasks running now, and the most at once
}

export default function gaugedCount({ limit, gauge }: Job): number {
  gaugeUp(gauge);
  try {
    return countPrimes(limit);
  } finally {
    gaugeDown(gauge);
  }
}
