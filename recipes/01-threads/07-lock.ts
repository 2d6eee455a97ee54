/**
 * Thread synchronization with a lock (and the race without one)
 *
 * @book    1e ch. 2 "Thread-based Parallelism" › Thread synchronization
 *          with Lock
 * @covers  T5
 * @run     npm run recipe -- threads/lock
 * @see     threads/lock-granularity — what a lock costs in parallelism
 *
 * The book runs an incrementing and a decrementing thread on a shared
 * counter, once under a `threading.Lock` (always 0) and once without (a
 * "race condition" that shows up only sometimes, because the GIL switches
 * threads rarely). Node's workers share memory only through a
 * SharedArrayBuffer and really run in parallel, and there is no built-in
 * lock: we build one from `Atomics`. To make the race show up every time,
 * the unlocked workers meet between their read and their write, the
 * unlucky interleaving that the scheduler produces only now and then.
 */
import { isMainThread } from 'node:worker_threads';
import { isEntry, joinAll, spawnWorker, workerInput } from '@cookbook/shared';

// How often each of the two workers changes the counter.
const COUNT = 100_000;
// The race is forced step by step, so it gets fewer, slower steps.
const RACE_COUNT = 10_000;

// Cells of the shared Int32Array.
const COUNTER = 0;
const LOCK = 1; // 0 = free, 1 = held
const GATE = 2; // arrivals at the lockstep meeting point

// ── The lock ───────────────────────────────────────────────────────
// `acquire` swaps the lock from 0 to 1; if another thread holds it,
// `Atomics.wait` parks this thread instead of spinning. The loop matters:
// waking up does not mean the lock is free, only that it changed.
export function acquire(cells: Int32Array): void {
  while (Atomics.compareExchange(cells, LOCK, 0, 1) !== 0) {
    Atomics.wait(cells, LOCK, 1);
  }
}

export function release(cells: Int32Array): void {
  Atomics.store(cells, LOCK, 0);
  Atomics.notify(cells, LOCK, 1);
}
// (@cookbook/shared/sync has the production Mutex: it skips the notify
// when nobody waits. threads/lock-granularity and later recipes use it.)

// ── The forced race ────────────────────────────────────────────────
// Both workers arrive here after reading and before writing; the second
// to arrive wakes the first. So both always read the same old value.
function meet(cells: Int32Array, step: number): void {
  const target = 2 * (step + 1);
  const arrived = Atomics.add(cells, GATE, 1) + 1;
  if (arrived === target) Atomics.notify(cells, GATE);
  for (let now = arrived; now < target; now = Atomics.load(cells, GATE)) {
    Atomics.wait(cells, GATE, now);
  }
}

// ── Worker side ────────────────────────────────────────────────────
// Reading and writing are two separate steps on purpose: that gap is
// where another thread's update gets lost.
interface Job {
  cells: Int32Array;
  delta: 1 | -1;
  locked: boolean;
}

function work({ cells, delta, locked }: Job): void {
  const times = locked ? COUNT : RACE_COUNT;
  for (let i = 0; i < times; i++) {
    if (locked) acquire(cells);
    const seen = Atomics.load(cells, COUNTER);
    if (!locked) meet(cells, 2 * i);
    Atomics.store(cells, COUNTER, seen + delta);
    if (locked) release(cells);
    else meet(cells, 2 * i + 1); // both writes land before the next read
  }
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** Increments and decrements under the lock: must end at 0. */
  locked: number;
  /** Two incrementers without the lock: RACE_COUNT * 2 expected. */
  raced: number;
  raceExpected: number;
  lostUpdates: number;
}

async function run(deltas: (1 | -1)[], locked: boolean): Promise<number> {
  const cells = new Int32Array(new SharedArrayBuffer(3 * 4));
  const workers = deltas.map((delta) =>
    spawnWorker(new URL(import.meta.url), { cells, delta, locked }),
  );
  await joinAll(workers);
  return Atomics.load(cells, COUNTER);
}

export async function main(): Promise<Result> {
  const locked = await run([1, -1], true);
  console.log(`with lock: +${COUNT} and -${COUNT} -> counter = ${locked}`);

  // Two incrementers, so every lost update shows as a shortfall. (With
  // +1 and -1 a race can still land on 0 by luck.)
  const raced = await run([1, 1], false);
  const raceExpected = 2 * RACE_COUNT;
  const lostUpdates = raceExpected - raced;
  console.log(`without lock: 2 x +${RACE_COUNT} -> counter = ${raced}`);
  console.log(`  expected ${raceExpected}: ${lostUpdates} updates lost`);
  return { locked, raced, raceExpected, lostUpdates };
}

if (!isMainThread) work(workerInput<Job>());
else if (isEntry(import.meta.url)) await main();

// Output:
// with lock: +100000 and -100000 -> counter = 0
// without lock: 2 x +10000 -> counter = 10000
//   expected 20000: 10000 updates lost
