/**
 * Collective communication using a broadcast
 *
 * @book    2e ch. 4 "Message Passing" › Collective communication using a
 *          broadcast
 * @book    1e ch. 3 "Process-based Parallelism" › Collective
 *          communication using broadcast
 * @python  Chapter04/broadcast.py
 * @covers  M4
 * @ranks   10
 * @timeout 90000
 * @run     npm run recipe -- messaging/broadcast
 * @see     messaging/scatter — a different piece for every rank
 *
 * Rank 0 holds `variable_to_share = 100`; every other rank starts with
 * None. After `comm.bcast(variable_to_share, root=0)` all ten hold 100.
 * Every rank must make the call, the root included: a collective is a
 * meeting, and whoever does not come blocks the others. Ours sends from
 * the root to each rank in turn (shared/src/mpi/comm.ts, `bcast`); MPI
 * libraries use a tree, which matters only for many more ranks.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// The 1st edition runs it on 10 ranks.
const RANKS = 10;

// ── Rank side ──────────────────────────────────────────────────────
async function broadcast(comm: Comm): Promise<number> {
  const rank = comm.rank;
  // Only the root has the value; the others pass null, as Python's None.
  const variableToShare = rank === 0 ? 100 : null;
  // Every rank calls bcast; the root's value comes back everywhere.
  // (At the root it is the same value; elsewhere a clone of it.)
  const shared = await comm.bcast(variableToShare, { root: 0 });
  console.log(`process = ${rank} variable shared  = ${shared}`);
  return shared!;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** The value each rank holds after the broadcast. */
  values: number[];
}

// Ten ranks; each returns the value it ended up with.
export async function main(): Promise<Result> {
  return { values: await mpiRun(new URL(import.meta.url), RANKS) };
}

// A rank runs `broadcast`; run directly, this file starts the ranks.
if (inRank()) await runRank(broadcast);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// process = 0 variable shared  = 100
// process = 1 variable shared  = 100
// process = 2 variable shared  = 100
// process = 3 variable shared  = 100
// process = 4 variable shared  = 100
// process = 5 variable shared  = 100
// process = 6 variable shared  = 100
// process = 7 variable shared  = 100
// process = 8 variable shared  = 100
// process = 9 variable shared  = 100
