/**
 * A semaphore that admits two: at most N threads inside at once
 *
 * @book    2e ch. 2 "Thread-Based Parallelism" › Thread synchronization
 *          with semaphores (beyond the book: it only uses Semaphore(0))
 * @covers  none
 * @run     npm run recipe -- threads/semaphore-limit
 * @see     threads/semaphore — the book's Semaphore(0) hand-off
 *
 * A semaphore that starts at N is a limit: `acquire()` takes a permit,
 * `release()` gives it back, and a thread that finds none sleeps until
 * one is returned. Four workers share `Semaphore(2)` (built in
 * shared/src/sync/semaphore.ts) and each holds a permit three times. A
 * peak gauge counts who is inside: it shows that two really held a
 * permit at once, and never three. A counter, not a clock, so the
 * result is the same on a busy machine.
 */
// Each thread is a Node worker running this file; memory is shared.
import { isMainThread } from 'node:worker_threads';
import {
  blockingSleep, gaugeDown, gaugePeak, gaugeUp, isEntry, joinAll, newGauge,
  spawnWorker, workerInput,
} from '@cookbook/shared';
import {
  Barrier, Semaphore, type BarrierShared, type SemaphoreShared,
} from '@cookbook/shared/sync';

// Workers, permits, turns each, and how long (ms) a permit is held.
export const HOLDERS = 4;
export const PERMITS = 2;
const TURNS = 3;
const HOLD_MS = 20;

// ── Worker side ────────────────────────────────────────────────────
interface Job {
  permits: SemaphoreShared;
  start: BarrierShared;
  gauge: Int32Array;
}

// All four ask at once (a Barrier: shared/src/sync/barrier.ts), so some
// must queue.
// `withPermit` acquires, runs the function and releases even if it
// throws, like Python's `with semaphore:`. Inside, the gauge goes up,
// we hold the permit long enough for others to meet us, and it goes
// down again (the gauge is explained in threads/thread-subclass).
function hold({ permits, start, gauge }: Job): void {
  // A worker gets the semaphore as plain shared data; we rebuild it.
  const semaphore = Semaphore.from(permits);
  Barrier.from(start).wait();
  // Three turns each, so permits are given back and taken again.
  for (let turn = 0; turn < TURNS; turn++) {
    semaphore.withPermit(() => {
      gaugeUp(gauge);
      blockingSleep(HOLD_MS);
      gaugeDown(gauge);
    });
  }
}

// ── Main side ──────────────────────────────────────────────────────
// What main returns, so the test can check the peak and the permits.
export interface Result {
  peakHolders: number;
  /** Permits left at the end: all of them, or one was lost. */
  permitsLeft: number;
}

// Four workers, one semaphore, one gauge; then read the peak.
export async function main(): Promise<Result> {
  const semaphore = new Semaphore(PERMITS);
  const gauge = newGauge();
  const job: Job = { permits: semaphore.shared, gauge,
    start: new Barrier(HOLDERS).shared };
  // Node has no Thread class: each worker runs this file again.
  await joinAll(Array.from({ length: HOLDERS },
    () => spawnWorker(new URL(import.meta.url), job)));
  // The most that were inside at once; the semaphore should cap it.
  const peakHolders = gaugePeak(gauge);
  console.log(`${HOLDERS} workers, Semaphore(${PERMITS}): ` +
    `at most ${peakHolders} held a permit at once`);
  // All permits should be back: every acquire had its release.
  console.log(`permits left at the end: ${semaphore.value}`);
  return { peakHolders, permitsLeft: semaphore.value };
}

if (!isMainThread) hold(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// 4 workers, Semaphore(2): at most 2 held a permit at once
// permits left at the end: 2
