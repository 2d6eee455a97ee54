/**
 * The worker side of threads/pool-cancel: a long task in small chunks,
 * with a `finally` block that records whether it ran.
 */
import { threadId } from 'node:worker_threads';
import { Event, type EventShared } from '@cookbook/shared/sync';

// Cells of the shared Int32Array.
export const CANCEL = 0; // main sets 1 to ask the task to stop
export const CLEANED = 1; // the task's `finally` sets 1

// Chunks of ~1 ms each: about 5 s if nobody stops the task.
export const CHUNKS = 5_000;

export interface Job {
  flags: Int32Array;
  started: EventShared;
  /** Does the task poll the CANCEL cell between chunks? */
  cooperative: boolean;
}

export interface Outcome {
  chunks: number;
  threadId: number;
}

// One chunk of busy work; each chunk feeds the next, so none is skipped.
function chunk(seed: number): number {
  let x = seed;
  for (let i = 0; i < 200_000; i++) x = (x * 1_103_515_245 + 12_345) | 0;
  return x;
}

export default function crunch(job: Job): Outcome {
  const { flags, started, cooperative } = job;
  let chunks = 0;
  let x = 1;
  try {
    while (chunks < CHUNKS) {
      // The cooperative check: cheap, and only at a safe point.
      if (cooperative && Atomics.load(flags, CANCEL) === 1) break;
      x = chunk(x);
      chunks++;
      // "Started" only after real progress, so a partial result is > 0.
      if (chunks === 1) Event.from(started).set();
    }
    return { chunks, threadId };
  } finally {
    // Releasing locks, closing files, ... would happen here.
    Atomics.store(flags, CLEANED, 1);
  }
}

export function whoAmI(): number {
  return threadId;
}
