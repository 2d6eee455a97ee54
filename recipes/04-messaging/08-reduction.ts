/**
 * The reduction operation (fixed: any number of ranks, no numpy.int)
 *
 * @book    2e ch. 4 "Message Passing" › The reduction operation
 * @book    1e ch. 3 "Process-based Parallelism" › The reduction operation
 * @python  Chapter04/reduction.py
 * @covers  M8
 * @ranks   3
 * @timeout 60000
 * @run     npm run recipe -- messaging/reduction
 * @see     messaging/pi — reduce a sum of partial results
 *
 * Every rank sends (rank + 1) · [0..9] and `comm.Reduce(senddata,
 * recvdata, root=0, op=MPI.SUM)` leaves the element-wise sum at rank 0;
 * the other ranks keep their zeros. Book bugs fixed: the 2nd edition's
 * `numpy.int` no longer exists (NumPy 1.24), and the 1st edition sized
 * the array by the number of ranks, so it worked only on 3; ours runs on
 * any number. Then the other ops the book lists: PROD, MAX, MIN on the
 * same arrays and MAXLOC on a [value, rank] pair.
 */
import {
  inRank, isEntry, MAX, MAXLOC, MIN, mpiRun, PROD, runRank, SUM, type Comm,
} from '@cookbook/shared/mpi';

// The 1st edition's run uses 3 ranks; the array has 10 items anyway.
const RANKS = 3;
const ARRAY_SIZE = 10;

// Arrays print as the book's NumPy prints them: [0 1 2].
const show = (a: ArrayLike<number>): string => `[${Array.from(a).join(' ')}]`;

// ── Rank side ──────────────────────────────────────────────────────
async function reduction(comm: Comm): Promise<Record<string, number[]>> {
  // The book's arrays, sized by ARRAY_SIZE alone, not by the ranks.
  const { rank, size } = comm;
  const recvdata = new Int32Array(ARRAY_SIZE);
  const senddata = Int32Array.from({ length: ARRAY_SIZE },
    (_, i) => (rank + 1) * i);
  console.log(` process ${rank} sending ${show(senddata)}`);
  // Reduce folds the ranks' arrays element by element, in rank order,
  // into the root's recvdata; the other ranks' recvdata stays zero.
  await comm.Reduce(senddata, recvdata, { root: 0, op: SUM });
  console.log(`on task ${rank} after Reduce:    data = ${show(recvdata)}`);

  // The same arrays under the other element-wise ops, kept at rank 0.
  const out: Record<string, number[]> = { SUM: [...recvdata] };
  for (const op of [PROD, MAX, MIN]) {
    const got = new Int32Array(ARRAY_SIZE);
    await comm.Reduce(senddata, got, { root: 0, op });
    out[op.name] = [...got];
    if (rank === 0) console.log(`${op.name}: ${show(got)}`);
  }

  // MAXLOC reduces [value, index] pairs: the largest value and where.
  const value = (rank * 7) % size;
  const best = await comm.reduce([value, rank], { root: 0, op: MAXLOC });
  if (best) console.log(`MAXLOC: value ${best[0]} at rank ${best[1]}`);
  out['MAXLOC'] = best ?? [];
  return out;
}

// ── Main side ──────────────────────────────────────────────────────
// The test checks every rank's arrays, the zeros off the root included.
export interface Result {
  size: number;
  /** What each rank holds after each reduction (zeros off the root). */
  ranks: Record<string, number[]>[];
}

// The book's 3 ranks by default; the test also runs 4, which the 1st
// edition's version could not.
export async function main(ranks = RANKS): Promise<Result> {
  const results = await mpiRun<Record<string, number[]>>(
    new URL(import.meta.url), ranks);
  return { size: ranks, ranks: results };
}

// A rank runs `reduction`; run directly, this file starts the ranks.
if (inRank()) await runRank(reduction);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
//  process 0 sending [0 1 2 3 4 5 6 7 8 9]
//  process 1 sending [0 2 4 6 8 10 12 14 16 18]
//  process 2 sending [0 3 6 9 12 15 18 21 24 27]
// on task 0 after Reduce:    data = [0 6 12 18 24 30 36 42 48 54]
// on task 1 after Reduce:    data = [0 0 0 0 0 0 0 0 0 0]
// on task 2 after Reduce:    data = [0 0 0 0 0 0 0 0 0 0]
// PROD: [0 6 48 162 384 750 1296 2058 3072 4374]
// MAX: [0 3 6 9 12 15 18 21 24 27]
// MIN: [0 1 2 3 4 5 6 7 8 9]
// MAXLOC: value 2 at rank 2
