/**
 * Deterministic tests for races: fake timers and a seeded scheduler
 *
 * @book    2e ch. 9 "Python Debugging and Testing" (beyond the book: a
 *          race that shows up once in a thousand runs is untestable
 *          until we choose the interleaving ourselves)
 * @covers  none
 * @run     npm run recipe -- testing-debugging/deterministic-races
 * @see     testing-debugging/barrier-race — the same, on real threads
 * @see     testing-debugging/stress — when we cannot choose
 *
 * A race depends on the order in which two tasks' steps interleave. To
 * test one we take that order out of the scheduler's hands. Fake timers
 * (`mock.timers` from `node:test`, or vitest's `vi`) decide which
 * `setTimeout` fires first, with no real waiting. A seeded scheduler
 * runs tasks written as generators, one step at a time, in an order
 * drawn from a seed: a failing seed replays exactly.
 */
import { mock } from 'node:test';
import { isEntry, randomInts } from '@cookbook/shared';

// ── 1. Fake timers ─────────────────────────────────────────────────
// Check-then-act across an await: each withdrawal reads the balance,
// waits (a network call, say), then writes what it computed.
async function withdrawBoth(delays: [number, number]): Promise<number> {
  let balance = 100;
  const withdraw = async (amount: number, delay: number) => {
    const seen = balance;
    await new Promise((resolve) => setTimeout(resolve, delay));
    balance = seen - amount;
  };
  // Fake setTimeout, then start both: each reads 100 and waits. One
  // tick of the fake clock fires both timers, in due order, at once.
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const both = Promise.all([withdraw(30, delays[0]),
      withdraw(50, delays[1])]);
    mock.timers.tick(Math.max(...delays));
    await both;
  } finally {
    // Real timers again, whatever happened.
    mock.timers.reset();
  }
  return balance; // 20 if nothing were lost
}

// ── 2. A seeded scheduler ──────────────────────────────────────────
// A task yields wherever another may cut in: here between its read
// and its write of the shared counter.
function* increment(state: { counter: number }): Generator<string> {
  const seen = state.counter;
  yield 'read';
  state.counter = seen + 1;
  yield 'write';
}

// Runs two increments, choosing the next task to step from the seed.
export function runSeed(seed: number): { order: string; counter: number } {
  const state = { counter: 0 };
  const tasks = [increment(state), increment(state)];
  const names = ['A', 'B'];
  // The seed's draws: which live task takes the next step.
  const picks = randomInts(8, 1, seed);
  const order: string[] = [];
  for (let k = 0; tasks.length > 0; k++) {
    const i = (picks[k] ?? 0) % tasks.length;
    const step = tasks[i]!.next();
    // A step taken is logged; a finished task leaves the pool.
    if (!step.done) {
      order.push(`${names[i]}.${step.value}`);
      continue;
    }
    tasks.splice(i, 1);
    names.splice(i, 1);
  }
  return { order: order.join(' '), counter: state.counter };
}

// What each technique produced, for the test to check.
export interface Result {
  balances: number[];
  lossySeeds: number[];
  replay: { order: string; counter: number }[];
}

export async function main(): Promise<Result> {
  // The same two withdrawals, with their delays swapped: the order of
  // the timers, which we set, decides which update is lost.
  const balances = [await withdrawBoth([10, 20]),
    await withdrawBoth([20, 10])];
  console.log(`fake timers: 100 - 30 - 50 = ${balances[0]} if the 30 ` +
    `lands first, ${balances[1]} if the 50 does`);

  // Twenty seeds; the ones that lose an update replay identically.
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const lossySeeds = seeds.filter((s) => runSeed(s).counter !== 2);
  const first = lossySeeds[0] ?? 0;
  const replay = [runSeed(first), runSeed(first)];
  // How many seeds lose an update, and the first one, run twice.
  console.log(`seeded scheduler: ${lossySeeds.length} of 20 seeds lose ` +
    'an update');
  console.log(`  seed ${first}: ${replay[0]!.order} -> counter = ` +
    `${replay[0]!.counter}; replayed: ${replay[1]!.counter}`);
  return { balances, lossySeeds, replay };
}

// Run as a script (not imported by the test): both techniques.
if (isEntry(import.meta.url)) await main();

// Output:
// fake timers: 100 - 30 - 50 = 50 if the 30 lands first, 70 if the 50 does
// seeded scheduler: 11 of 20 seeds lose an update
//   seed 1: B.read A.read A.write B.write -> counter = 1; replayed: 1
