/**
 * Worker body for rlock.test.ts. Each worker bumps a shared counter
 * under the RLock, re-entering it on the way (blocking, scoped and
 * tryLock forms), and reports what happens when it releases a lock it
 * does not hold.
 */
import { parentPort } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { RLock, type RLockShared } from './rlock.ts';

export interface RLockStressInput {
  rlock: RLockShared;
  // Cell 0 is the counter; cell 1 counts finished workers.
  cells: Int32Array;
  iterations: number;
}

/** What each worker posts before it exits. */
export interface RLockStressReport {
  unlockNotHeld: string;
  depthSeen: number;
}

function unlockError(rlock: RLock): string {
  try {
    rlock.unlock();
    return 'no error';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function run(input: RLockStressInput): void {
  const rlock = RLock.from(input.rlock);
  const { cells, iterations } = input;
  // Releasing a lock we never took must throw, even while another
  // thread may hold it.
  const unlockNotHeld = unlockError(rlock);
  let depthSeen = 0;
  for (let i = 0; i < iterations; i++) {
    rlock.lock();
    // Re-enter twice more, in two other forms; the read and the write
    // sit at different depths.
    using _outer = rlock.acquire();
    const seen = Atomics.load(cells, 0);
    if (!rlock.tryLock()) throw new Error('re-entry by tryLock failed');
    depthSeen = Math.max(depthSeen, rlock.depth);
    Atomics.store(cells, 0, seen + 1);
    rlock.unlock();
    rlock.unlock();
    // `_outer` releases the last level when the iteration ends.
  }
  Atomics.add(cells, 1, 1);
  const report: RLockStressReport = { unlockNotHeld, depthSeen };
  parentPort?.postMessage(report);
}

run(workerInput<RLockStressInput>());
