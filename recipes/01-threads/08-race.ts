/**
 * A race condition, made certain: lost updates on every step
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with Lock and RLock (the "race condition" without the lock)
 * @covers  T5
 * @run     npm run recipe -- threads/race
 * @see     threads/lock — the book's program, where the race is luck
 *
 * Without a lock, `counter += 1` is a read and then a write, and another
 * thread may write in between: its update is lost. threads/lock shows
 * that this happens sometimes. Here we make it happen on every step:
 * two incrementing workers meet between their read and their write, so
 * both always read the same old value, and exactly half of all updates
 * are lost. That is the interleaving a scheduler produces only now and
 * then, forced, so a test can assert it.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';

// Each step is two meetings, so the forced race takes fewer steps.
export const STEPS = 10_000;

// Cells of the shared Int32Array.
const COUNTER = 0;
const GATE = 1; // arrivals at the lockstep meeting point, ever growing

// ── The meeting point ──────────────────────────────────────────────
// Meeting number `step` is complete once 2 * (step + 1) arrivals have
// been counted. The second to arrive wakes the first; the loop re-reads
// the count, because a wake-up only says that it changed.
function meet(cells: Int32Array, step: number): void {
  const target = 2 * (step + 1);
  const arrived = Atomics.add(cells, GATE, 1) + 1;
  if (arrived === target) Atomics.notify(cells, GATE);
  for (let now = arrived; now < target; now = Atomics.load(cells, GATE)) {
    Atomics.wait(cells, GATE, now);
  }
}

// ── Worker side ────────────────────────────────────────────────────
// Both read, meet, both write the value they read plus one, meet again
// so that both writes land before the next read.
function work(cells: Int32Array): void {
  for (let i = 0; i < STEPS; i++) {
    const seen = Atomics.load(cells, COUNTER);
    meet(cells, 2 * i);
    Atomics.store(cells, COUNTER, seen + 1);
    meet(cells, 2 * i + 1);
  }
}

// ── Main side ──────────────────────────────────────────────────────
// Two incrementers, so every lost update shows as a shortfall (with +1
// and -1, a race can still land on 0 by luck).
export interface Result {
  counter: number;
  expected: number;
  lostUpdates: number;
}

// Both workers run this file on the same two cells; once they are
// done, the counter says how many increments survived.
export async function main(): Promise<Result> {
  const cells = new Int32Array(new SharedArrayBuffer(2 * 4));
  await joinAll([1, 2].map(() =>
    spawnWorker(new URL(import.meta.url), cells)));
  const counter = Atomics.load(cells, COUNTER);
  const expected = 2 * STEPS;
  const lostUpdates = expected - counter;
  console.log(`without lock: 2 x +${STEPS} -> counter = ${counter}`);
  console.log(`  expected ${expected}: ${lostUpdates} updates lost`);
  return { counter, expected, lostUpdates };
}

// In a worker this file increments; as the entry, it runs main().
if (!isMainThread) work(workerInput<Int32Array>());
else if (isEntry(import.meta.url)) await main();

// Output:
// without lock: 2 x +10000 -> counter = 10000
//   expected 20000: 10000 updates lost
