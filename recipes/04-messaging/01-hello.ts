/**
 * Using the mpi4py Python module: hello world from every rank
 *
 * @book    2e ch. 4 "Message Passing" › Using the mpi4py Python module
 * @book    1e ch. 3 "Process-based Parallelism" › Using the mpi4py Python
 *          module
 * @python  Chapter04/helloworld_MPI.py
 * @covers  M1
 * @ranks   5
 * @timeout 60000
 * @run     npm run recipe -- messaging/hello
 * @see     messaging/point-to-point — the ranks start talking
 *
 * `mpiexec -n 5 python helloworld_MPI.py` starts five copies of one
 * script; each asks `MPI.COMM_WORLD` for its rank and prints it. Node
 * has no MPI binding, so the project builds a small communicator in
 * `@cookbook/shared/mpi` (shared/src/mpi/comm.ts): `mpiRun` starts five
 * worker threads on this file, as `npm run mpi -- -n 5` does, and each
 * calls `runRank`. The ranks print in whatever order they get there.
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// How many ranks `npm run recipe` starts (the header's @ranks).
const RANKS = 5;

// ── Rank side ──────────────────────────────────────────────────────
// This is the whole of the book's script: every rank runs it. Where
// mpi4py reads `MPI.COMM_WORLD.Get_rank()`, the launcher hands us the
// world communicator, and `comm.rank` is this rank's number in it.
// We return the rank too, so that the test can see every rank ran.
function hello(comm: Comm): number {
  console.log(`hello world from process ${comm.rank}`);
  return comm.rank;
}

// ── Main side ──────────────────────────────────────────────────────
// What the test checks: one entry per rank, and each rank's own number.
export interface Result {
  /** What each rank returned, indexed by rank. */
  ranks: number[];
  size: number;
}

// `mpiRun` starts `ranks` worker threads on this very file (as mpiexec
// runs one script N times) and resolves, once all have finished, with
// every rank's return value in rank order. If any rank threw, it
// rejects with that rank's error instead.
export async function main(ranks = RANKS): Promise<Result> {
  const seen = await mpiRun<number>(new URL(import.meta.url), ranks);
  return { ranks: seen, size: ranks };
}

// A rank (thread, process or mpirun) runs the body; the entry starts
// the ranks; an import (a test) does neither.
if (inRank()) await runRank(hello);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
// hello world from process 0
// hello world from process 1
// hello world from process 2
// hello world from process 3
// hello world from process 4
