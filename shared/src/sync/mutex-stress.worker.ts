/**
 * Worker body for mutex.test.ts. For each way of holding the mutex
 * (lock/unlock, withLock, `using`, a tryLock spin) the worker bumps its
 * own shared counter `iterations` times. It reads and writes in two
 * steps, so a broken lock would lose updates.
 */
import { workerInput } from '../workers.ts';
import { Mutex, type MutexShared } from './mutex.ts';

export interface MutexStressInput {
  mutex: MutexShared;
  // Counters 0..3, one per style, in the order of the loops below;
  // cell 4 counts the workers that have finished.
  counters: Int32Array;
  iterations: number;
}

function bump(counters: Int32Array, index: number): void {
  const seen = Atomics.load(counters, index);
  Atomics.store(counters, index, seen + 1);
}

function run(input: MutexStressInput): void {
  const mutex = Mutex.from(input.mutex);
  const { counters, iterations } = input;
  for (let i = 0; i < iterations; i++) {
    mutex.lock();
    bump(counters, 0);
    mutex.unlock();
  }
  for (let i = 0; i < iterations; i++) {
    mutex.withLock(() => bump(counters, 1));
  }
  for (let i = 0; i < iterations; i++) {
    using _guard = mutex.acquire();
    bump(counters, 2);
  }
  // tryLock never waits, so between attempts we sleep for 0 ms on a
  // private cell: that yields the core instead of burning it.
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < iterations; i++) {
    while (!mutex.tryLock()) Atomics.wait(nap, 0, 0, 0);
    bump(counters, 3);
    mutex.unlock();
  }
  Atomics.add(counters, 4, 1);
}

run(workerInput<MutexStressInput>());
