/**
 * Collective communication using the scatter function
 *
 * @book    2e ch. 4 "Message Passing" › Collective communication using
 *          the scatter function
 * @book    1e ch. 3 "Process-based Parallelism" › Collective
 *          communication using scatter
 * @python  Chapter04/scatter.py
 * @covers  M5
 * @ranks   10
 * @timeout 90000
 * @run     npm run recipe -- messaging/scatter
 * @see     messaging/gather — the way back; messaging/pi
 *
 * Rank 0 holds the list 1..10 and `comm.scatter` hands item i to rank
 * i, so the list must have exactly one item per rank. The 1st edition
 * also shows what mpi4py says when it has not: run on 3 ranks, it
 * raises `ValueError: expecting 3 items, got 10`. We do both runs; in
 * the second the root's error aborts the whole job (the other ranks
 * wait in scatter and would otherwise hang), and the launcher reports
 * that rank's error.
 */
import {
  inRank, isEntry, MpiJobError, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// Exactly 10 ranks: one per item. The wrong run uses 3.
const RANKS = 10;
const WRONG_RANKS = 3;

// ── Rank side ──────────────────────────────────────────────────────
async function scatter(comm: Comm): Promise<number> {
  // Only the root holds the list; the others pass null (Python's None).
  const rank = comm.rank;
  const arrayToShare = rank === 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : null;
  // Each rank gets one item back: rank i gets item i. At the root the
  // call checks first that there is exactly one item per rank.
  const recvbuf = await comm.scatter(arrayToShare, { root: 0 });
  console.log(`process = ${rank} variable shared  = ${recvbuf}`);
  return recvbuf;
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** received[i]: the item rank i got. */
  received: number[];
  /** The job error of the run on 3 ranks. */
  wrongSize: string;
}

export async function main(): Promise<Result> {
  // The book's run: ten ranks for ten items.
  const url = new URL(import.meta.url);
  const received = await mpiRun<number>(url, RANKS);
  // The 1st edition's mistake: the same list on three ranks. The root
  // throws MpiError, the launcher aborts the job and rejects with it.
  let wrongSize = '';
  try {
    await mpiRun(url, WRONG_RANKS);
  } catch (error) {
    if (!(error instanceof MpiJobError)) throw error;
    wrongSize = error.message;
    console.log(`with ${WRONG_RANKS} ranks: ${wrongSize}`);
  }
  return { received, wrongSize };
}

// A rank runs `scatter`; run directly, this file starts the ranks.
if (inRank()) await runRank(scatter);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// process = 0 variable shared  = 1
// process = 1 variable shared  = 2
// process = 2 variable shared  = 3
// process = 3 variable shared  = 4
// process = 4 variable shared  = 5
// process = 5 variable shared  = 6
// process = 6 variable shared  = 7
// process = 7 variable shared  = 8
// process = 8 variable shared  = 9
// process = 9 variable shared  = 10
// with 3 ranks: rank 0 failed: MpiError: scatter: expecting 3 items, got 10
