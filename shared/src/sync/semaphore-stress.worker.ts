/**
 * Worker body for semaphore.test.ts. Each worker takes a permit many
 * times, in three forms, and while it holds one it bumps a shared gauge
 * of current holders and records the highest value the gauge reached.
 * It naps briefly while holding, so holders really overlap.
 */
import { isMainThread } from 'node:worker_threads';
import { workerInput } from '../workers.ts';
import { Semaphore, type SemaphoreShared } from './semaphore.ts';

export interface SemaphoreStressInput {
  semaphore: SemaphoreShared;
  // Cell 0: holders now; cell 1: peak holders; cell 2: finished
  // workers; cell 3: total entries.
  cells: Int32Array;
  iterations: number;
}

/** Enter the guarded region: count ourselves and raise the peak. */
export function enter(cells: Int32Array): void {
  const holders = Atomics.add(cells, 0, 1) + 1;
  let peak = Atomics.load(cells, 1);
  while (holders > peak) {
    const seen = Atomics.compareExchange(cells, 1, peak, holders);
    if (seen === peak) break;
    peak = seen;
  }
  Atomics.add(cells, 3, 1);
}

export function leave(cells: Int32Array): void {
  Atomics.sub(cells, 0, 1);
}

function run(input: SemaphoreStressInput): void {
  const semaphore = Semaphore.from(input.semaphore);
  const { cells, iterations } = input;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < iterations; i++) {
    if (i % 3 === 0) {
      semaphore.acquire();
      enter(cells);
      Atomics.wait(nap, 0, 0, 0.2);
      leave(cells);
      semaphore.release();
    } else if (i % 3 === 1) {
      using _permit = semaphore.hold();
      enter(cells);
      Atomics.wait(nap, 0, 0, 0.2);
      leave(cells);
    } else {
      while (!semaphore.tryAcquire()) Atomics.wait(nap, 0, 0, 0);
      enter(cells);
      leave(cells);
      semaphore.release();
    }
  }
  Atomics.add(cells, 2, 1);
}

// This file is also imported by the test for `enter`/`leave`; only a
// worker runs the loop.
if (!isMainThread) {
  run(workerInput<SemaphoreStressInput>());
}
