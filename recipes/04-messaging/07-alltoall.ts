/**
 * Collective communication using Alltoall
 *
 * @book    2e ch. 4 "Message Passing" › Collective communication using
 *          Alltoall
 * @book    1e ch. 3 "Process-based Parallelism" › Collective
 *          communication using Alltoall
 * @python  Chapter04/alltoall.py
 * @covers  M7
 * @ranks   5
 * @timeout 60000
 * @run     npm run recipe -- messaging/alltoall
 * @see     messaging/scatter — one sender; here every rank sends
 *
 * Rank r holds (r + 1) · [0, 1, ..., n - 1] and `comm.Alltoall` sends
 * its j-th element to rank j: afterwards rank r holds element r of
 * every rank, [1·r, 2·r, ..., n·r]. It is a transpose of the n x n
 * table spread over the ranks. The capitalised name is mpi4py's buffer
 * form: numpy arrays there, typed arrays here, sent as raw bytes with
 * no pickling (no structured clone).
 */
import {
  inRank, isEntry, mpiRun, runRank, type Comm,
} from '@cookbook/shared/mpi';

// The 1st edition's run uses 5 ranks.
const RANKS = 5;

// numpy prints an int array as [0 1 2]; so do we.
const show = (a: Int32Array): string => `[${a.join(' ')}]`;

// ── Rank side ──────────────────────────────────────────────────────
async function alltoall(comm: Comm): Promise<number[]> {
  const { rank, size } = comm;
  // senddata = (rank+1)*numpy.arange(size); recvdata = numpy.empty(size)
  const senddata = Int32Array.from({ length: size }, (_, j) => (rank + 1) * j);
  const recvdata = new Int32Array(size);
  // Slot j of senddata goes to rank j; slot j of recvdata comes from
  // rank j. Each slot is one Int32 here (size / ranks items each).
  await comm.Alltoall(senddata, recvdata);
  console.log(` process ${rank} sending ${show(senddata)} ` +
    `receiving ${show(recvdata)}`);
  return [...recvdata];
}

// ── Main side ──────────────────────────────────────────────────────
export interface Result {
  /** received[r]: what rank r holds after the exchange. */
  received: number[][];
}

// Five ranks; each returns the array it received.
export async function main(): Promise<Result> {
  return { received: await mpiRun(new URL(import.meta.url), RANKS) };
}

// A rank runs `alltoall`; run directly, this file starts the ranks.
if (inRank()) await runRank(alltoall);
else if (isEntry(import.meta.url)) await main();

// Unordered output:
//  process 0 sending [0 1 2 3 4] receiving [0 0 0 0 0]
//  process 1 sending [0 2 4 6 8] receiving [1 2 3 4 5]
//  process 2 sending [0 3 6 9 12] receiving [2 4 6 8 10]
//  process 3 sending [0 4 8 12 16] receiving [3 6 9 12 15]
//  process 4 sending [0 5 10 15 20] receiving [4 8 12 16 20]
