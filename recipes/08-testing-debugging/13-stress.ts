/**
 * Stress-testing a lock until it fails: how many rounds prove what
 *
 * @book    2e ch. 9 "Python Debugging and Testing" (beyond the book:
 *          what a passing run of concurrent code does and does not show)
 * @covers  none
 * @run     npm run recipe -- testing-debugging/stress
 * @timeout 120000
 * @see     testing-debugging/deterministic-races — when we can choose
 *
 * When we cannot choose the interleaving, we run many rounds and hope
 * one of them hits the bad one. Two workers meet at a barrier, then each
 * takes a lock and bumps a counter (a read and a separate write) many
 * times; after each round one checks the total. A broken lock (it looks
 * first and takes later, so both can get in) fails within a few rounds,
 * and one failure proves the bug. A sound lock (our futex Mutex) passes
 * every round, which proves much less: after n clean rounds we can only
 * say, with 95% confidence, that a round fails less than 3 times in n
 * (the "rule of three").
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';
import { Barrier, Mutex, type BarrierShared } from '@cookbook/shared/sync';

// Rounds for the sound lock; the broken one may take up to MAX_ROUNDS
// (it stops at its first failure). Lock-increment-unlock steps per
// worker per round.
const ROUNDS = 200;
const MAX_ROUNDS = 5_000;
const STEPS = 200;
// Busy-work inside the windows, so that the threads overlap there.
const SPIN = 50;

// Cells: 0 the broken lock, 1 the counter, 2 the round that failed
// (0 while none has), 3 the Mutex.
const LOCK = 0;
const COUNTER = 1;
const FAILED = 2;
const MUTEX = 3;

interface Job { kind: 'broken' | 'mutex'; rounds: number;
  cells: Int32Array; barrier: BarrierShared; leader: boolean }

const scratch = new Int32Array(1);
function spin(): void {
  for (let i = 0; i < SPIN; i++) Atomics.load(scratch, 0);
}

// ── Worker side ────────────────────────────────────────────────────
// The broken lock: wait until free, then take it, in two steps.
function brokenLock(cells: Int32Array): void {
  while (Atomics.load(cells, LOCK) !== 0) spin();
  spin(); // the other thread can see "free" here too
  Atomics.store(cells, LOCK, 1);
}

// Rounds of lock, read, (spin), write, unlock, fenced by the barrier;
// the leader checks the total after every round.
function work({ kind, rounds, cells, barrier, leader }: Job): void {
  const meet = Barrier.from(barrier);
  const mutex = Mutex.from(cells.subarray(MUTEX, MUTEX + 1));
  const lock = kind === 'broken' ? () => brokenLock(cells)
    : () => mutex.lock();
  const unlock = kind === 'broken' ? () => Atomics.store(cells, LOCK, 0)
    : () => mutex.unlock();
  for (let round = 1; round <= rounds; round++) {
    meet.wait(); // both start the round together
    for (let s = 0; s < STEPS; s++) {
      lock();
      const seen = Atomics.load(cells, COUNTER);
      spin();
      Atomics.store(cells, COUNTER, seen + 1);
      unlock();
    }
    meet.wait(); // both done: the leader checks the total
    if (leader && Atomics.load(cells, COUNTER) !== 2 * STEPS * round) {
      Atomics.store(cells, FAILED, round);
    }
    meet.wait(); // both see the verdict, and stop on a failure
    if (Atomics.load(cells, FAILED) !== 0) return;
  }
}

// ── Main side ──────────────────────────────────────────────────────
// One trial: the round that failed (0: none), updates lost, rounds run.
export interface Trial { failedAt: number; lost: number; rounds: number }

// Runs two workers on one lock kind for up to `max` rounds.
async function trial(kind: Job['kind'], max: number): Promise<Trial> {
  const cells = new Int32Array(new SharedArrayBuffer(16));
  const barrier = new Barrier(2).shared;
  await joinAll([true, false].map((leader) => spawnWorker(
    new URL(import.meta.url),
    { kind, rounds: max, cells, barrier, leader } satisfies Job)));
  const failedAt = Atomics.load(cells, FAILED);
  const rounds = failedAt || max;
  const lost = 2 * STEPS * rounds - Atomics.load(cells, COUNTER);
  return { failedAt, lost, rounds };
}

export interface Result { broken: Trial; mutex: Trial; boundPerRound: number }

export async function main(): Promise<Result> {
  // The broken lock runs until its first failure (or MAX_ROUNDS).
  const broken = await trial('broken', MAX_ROUNDS);
  console.log(broken.failedAt > 0
    ? `broken lock: failed in round ${broken.failedAt}, ` +
      `${broken.lost} updates lost -> the bug is proven`
    : `broken lock: passed ${MAX_ROUNDS} rounds (this time)`);
  // No failure in n rounds: the 95% upper bound on the per-round failure
  // rate is about 3 / n. More rounds shrink the bound, never to zero.
  const mutex = await trial('mutex', ROUNDS);
  const boundPerRound = 3 / mutex.rounds;
  console.log(`Mutex: ${mutex.rounds} rounds, ${mutex.lost} lost -> ` +
    `P(round fails) < ${(boundPerRound * 100).toFixed(1)}% (95%), ` +
    'not "correct"');
  return { broken, mutex, boundPerRound };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// broken lock: failed in round {*}, {*} updates lost -> the bug is proven
// Mutex: 200 rounds, 0 lost -> P(round fails) < 1.5% (95%), not "correct"
